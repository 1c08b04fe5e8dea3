/**
 * The structure of a Qualys XML answer, and the structural difference of two: what a client's
 * parser depends on (the root element, its DOCTYPE, which elements and attributes appear at which
 * paths and in which order, the CODE and TEXT of fixed messages), never values such as DATETIME,
 * IDs or counts, which differ between any two platforms.
 */

/** What one answer's structure is. */
export interface Outline {
  /** The root element's name. */
  root: string;
  /** The DOCTYPE's DTD file name (its URL's last part: the host differs by platform), or null. */
  doctype: string | null;
  /** Each distinct element path (`/A/B`) and attribute path (`/A/B/@c`), in order of first appearance. */
  paths: string[];
  /** The first CODE element's text, or null. */
  code: string | null;
  /** The first TEXT element's text, or null. */
  text: string | null;
}

/** [E] Bounds on what one answer's outline keeps, so that no answer grows the report without bound. */
export const OUTLINE_LIMITS = { paths: 2000, depth: 64, textChars: 1024 } as const;

/** An answer that is not well-formed enough to outline: not XML, or elements that do not nest. */
export class NotXml extends Error {}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** A character reference's character; one beyond Unicode is left as written. */
function character(code: number, written: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : written;
}
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,8}|\w+);/g, (m, e: string) =>
    e.startsWith('#x') ? character(parseInt(e.slice(2), 16), m) : e.startsWith('#') ? character(+e.slice(1), m) : (ENTITIES[e] ?? m),
  );
const TAG = /<(\/?)([A-Za-z_:][-\w.:]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR = /([^\s=/>]+)\s*=/g;

/** The outline of `xml`; a NotXml when it has no root element or its tags do not nest. */
export function outline(xml: string): Outline {
  const paths = new Set<string>();
  const stack: string[] = [];
  let root: string | null = null;
  let doctype: string | null = null;
  let code: string | null = null;
  let text: string | null = null;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  let textStart = -1;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (xml.slice(i).trim() !== '') throw new NotXml('text after the last tag');
      break;
    }
    if (stack.length === 0 && xml.slice(i, lt).trim() !== '') throw new NotXml('text outside the root element');
    if (xml.startsWith('<!--', lt) || xml.startsWith('<?', lt)) {
      const close = xml[lt + 1] === '?' ? '?>' : '-->';
      const end = xml.indexOf(close, lt + 2);
      if (end < 0) throw new NotXml('an unclosed comment or declaration');
      i = end + close.length;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0 || stack.length === 0) throw new NotXml('a CDATA section outside an element');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!DOCTYPE', lt)) {
      const end = xml.indexOf('>', lt);
      if (end < 0 || root !== null) throw new NotXml('a misplaced DOCTYPE');
      const system = /SYSTEM\s+["']([^"']*)["']/.exec(xml.slice(lt, end));
      doctype = system
        ? system[1].slice(system[1].lastIndexOf('/') + 1)
        : xml
            .slice(lt + 9, end)
            .trim()
            .split(/\s+/)[0];
      i = end + 1;
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(xml);
    if (tag === null) throw new NotXml('a malformed tag');
    const [whole, closing, name, attrs, empty] = tag;
    i = lt + whole.length;
    if (closing) {
      if (stack.pop() !== name || attrs !== '' || empty) throw new NotXml(`a closing tag </${name}> that does not match`);
      if (textStart >= 0) {
        const content = decode(xml.slice(textStart, lt).replace(/^<!\[CDATA\[|\]\]>$/g, ''))
          .trim()
          .slice(0, OUTLINE_LIMITS.textChars);
        if (name === 'CODE' && code === null) code = content;
        if (name === 'TEXT' && text === null) text = content;
      }
      textStart = -1;
      if (stack.length === 0) root ??= name;
      continue;
    }
    if (stack.length === 0 && root !== null) throw new NotXml('a second root element');
    if (stack.length === 0) root = name;
    stack.push(name);
    if (stack.length > OUTLINE_LIMITS.depth) throw new NotXml('elements nested too deep');
    const path = `/${stack.join('/')}`;
    if (paths.size < OUTLINE_LIMITS.paths) paths.add(path);
    for (const [, attr] of attrs.matchAll(ATTR)) if (paths.size < OUTLINE_LIMITS.paths) paths.add(`${path}/@${attr}`);
    if (empty) {
      stack.pop();
      textStart = -1;
    } else textStart = i;
  }
  if (root === null || stack.length > 0) throw new NotXml(root === null ? 'no root element' : `<${stack[stack.length - 1]}> is never closed`);
  return { root, doctype, paths: [...paths], code, text };
}

/** One side of a difference, as the report shows it. */
export interface Side {
  status: number;
  root: string | null;
  doctype: string | null;
  code: string | null;
}

/** How two answers to one call differ in structure; the report's entry without its call. */
export interface StructuralDifference {
  upstream: Side;
  emulator: Side;
  /** Paths the upstream's answer has and the emulator's lacks. */
  paths_missing: string[];
  /** Paths the emulator's answer has and the upstream's lacks. */
  paths_extra: string[];
  /** Paths both have, but in another order: those outside their longest common order, as the upstream orders them. */
  order: string[];
  /** The fixed messages, when their CODE or TEXT differ (digits, being IDs or counts, compared as `#`). */
  text: { upstream: string | null; emulator: string | null } | null;
}

/** An answer as compared: its status, and its outline, or null when it was not XML. */
export interface Compared {
  status: number;
  outline: Outline | null;
}

const side = ({ status, outline: o }: Compared): Side => ({ status, root: o?.root ?? null, doctype: o?.doctype ?? null, code: o?.code ?? null });

/** [E] TEXTs name IDs, counts and values; only the words around them are fixed. */
const fixedPart = (text: string | null) => (text === null ? null : text.replace(/\d+/g, '#'));

/** The paths of `a` in the longest order `b` shares, by dynamic programming (bounded by OUTLINE_LIMITS). */
function commonOrder(a: readonly string[], b: readonly string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let x = n - 1; x >= 0; x--)
    for (let y = m - 1; y >= 0; y--) table[x][y] = a[x] === b[y] ? table[x + 1][y + 1] + 1 : Math.max(table[x + 1][y], table[x][y + 1]);
  const kept = new Set<string>();
  for (let x = 0, y = 0; x < n && y < m; ) {
    if (a[x] === b[y]) {
      kept.add(a[x]);
      x++;
      y++;
    } else if (table[x + 1][y] >= table[x][y + 1]) x++;
    else y++;
  }
  return kept;
}

/** The structural difference of two answers to one call, or null when they agree. */
export function compare(upstream: Compared, emulator: Compared): StructuralDifference | null {
  const up = upstream.outline?.paths ?? [];
  const emu = emulator.outline?.paths ?? [];
  const inEmu = new Set(emu);
  const inUp = new Set(up);
  const sharedUp = up.filter((p) => inEmu.has(p));
  const sharedEmu = emu.filter((p) => inUp.has(p));
  const ordered = commonOrder(sharedUp, sharedEmu);
  const upText = upstream.outline === null ? null : `${upstream.outline.code ?? ''} ${fixedPart(upstream.outline.text) ?? ''}`;
  const emuText = emulator.outline === null ? null : `${emulator.outline.code ?? ''} ${fixedPart(emulator.outline.text) ?? ''}`;
  const difference: StructuralDifference = {
    upstream: side(upstream),
    emulator: side(emulator),
    paths_missing: up.filter((p) => !inEmu.has(p)),
    paths_extra: emu.filter((p) => !inUp.has(p)),
    order: sharedUp.filter((p) => !ordered.has(p)),
    text: upText === emuText ? null : { upstream: upstream.outline?.text ?? null, emulator: emulator.outline?.text ?? null },
  };
  const same =
    JSON.stringify(difference.upstream) === JSON.stringify(difference.emulator) &&
    difference.paths_missing.length + difference.paths_extra.length + difference.order.length === 0 &&
    difference.text === null;
  return same ? null : difference;
}
