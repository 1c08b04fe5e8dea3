/**
 * The first `max` characters of `text`, and whether any were cut. A cut string is copied: V8
 * keeps a slice of a long string as a view that holds the whole original alive, so a slice
 * alone would not bound what an in-memory log holds.
 */
export function clip(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  return { text: copyOf(text.slice(0, max)), cut: true };
}

/**
 * `clip`, and a string of its own even when nothing is cut: what a request's parameters and
 * path were read from may be a whole 1 MiB body, and V8 may keep any of them as a view of it.
 */
export function clipApart(text: string, max: number): { text: string; cut: boolean } {
  const clipped = clip(text, max);
  return clipped.cut ? clipped : { text: copyOf(text), cut: false };
}

const copyOf = (text: string) => Buffer.from(text, 'utf16le').toString('utf16le');
