/** In `u` mode a surrogate pair is one code point: only a lone surrogate is a `Surrogate`. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The name-value pairs of an `application/x-www-form-urlencoded` string (a query string or a form
 * body), in order, exactly as `URLSearchParams` reads them (the WHATWG rules). URLSearchParams
 * itself was a tenth of a short list's time, so the usual string (well formed, each `%` escape a
 * whole UTF-8 sequence) is read here with the engine's own `decodeURIComponent`, and anything
 * else by URLSearchParams. `test/unit/form-entries.test.ts` holds the two equal on any string.
 */
export function formEntries(text: string): [string, string][] {
  if (LONE_SURROGATE.test(text)) return [...new URLSearchParams(text)];
  const entries: [string, string][] = [];
  try {
    // as URLSearchParams, a leading `?` is no part of the first name
    let start = text.startsWith('?') ? 1 : 0;
    while (start <= text.length) {
      let end = text.indexOf('&', start);
      if (end < 0) end = text.length;
      if (end > start) {
        // '=' is looked for within the pair only: past it, a body of 100,000 bare names would be read quadratically
        const pair = text.slice(start, end);
        const eq = pair.indexOf('=');
        entries.push(eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))]);
      }
      start = end + 1;
    }
  } catch {
    // an escape that is not a whole UTF-8 sequence: URLSearchParams replaces it as WHATWG says
    return [...new URLSearchParams(text)];
  }
  return entries;
}

/** `+` is a space, then escapes are decoded; throws on a malformed one. */
function decode(part: string): string {
  const spaced = part.includes('+') ? part.replaceAll('+', ' ') : part;
  return spaced.includes('%') ? decodeURIComponent(spaced) : spaced;
}
