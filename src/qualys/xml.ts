/**
 * A small element tree that the envelopes build and one function serialises, so no code
 * outside this file concatenates XML.
 */
export interface XmlElement {
  name: string;
  attrs?: Readonly<Record<string, string>>;
  /** Leaf text; `cdata` wraps it in a CDATA section [Q: free text is CDATA]. */
  text?: string;
  cdata?: boolean;
  children?: readonly XmlElement[];
  /**
   * The element already written, as UTF-8, for a place at this indent (see `prerender`): copied as
   * it is; with `more`, lines that follow `bytes`, each after a newline, so that an element put
   * together from parts is copied without first being joined.
   */
  written?: { indent: string; bytes: Buffer; more?: readonly Buffer[] };
}

/** A whole response document: its root and the DTD path its DOCTYPE names. */
export interface XmlDocumentSpec {
  root: XmlElement;
  dtdPath: string;
}

/** An element with a few fixed children; absent ones (undefined, false) are left out. */
export const el = (name: string, ...children: (XmlElement | undefined | false)[]): XmlElement => ({
  name,
  children: children.filter((c): c is XmlElement => Boolean(c)),
});
/**
 * An element with a list of children of any length. Never spread a list into `el`: spread
 * arguments live on the stack, and 150,000 of them overflow it.
 */
export const elOf = (name: string, children: readonly XmlElement[]): XmlElement => ({ name, children });
export const leaf = (name: string, text: string): XmlElement => ({ name, text });
export const cdataLeaf = (name: string, text: string): XmlElement => ({ name, text, cdata: true });

/**
 * Characters XML 1.0 cannot carry. Input with them is refused (1905), but error TEXTs echo
 * what the client sent, so every value is scrubbed here as the last line of defence.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// The same class without the g flag, so test() keeps no lastIndex between calls; compiled once.
const HAS_NOT_XML_CHAR = new RegExp(NOT_XML_CHAR.source, 'u');
export const scrub = (text: string) => text.replace(NOT_XML_CHAR, '\uFFFD');
export const hasNonXmlChars = (text: string) => HAS_NOT_XML_CHAR.test(text);

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => ESCAPES[c]);
const escapeAttr = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

/** One element's leaf content as it goes on the wire, or '' for none. */
function leafContent(node: XmlElement): string {
  if (node.text === undefined || node.text === '') return '';
  const text = scrub(node.text);
  // A CDATA section cannot hold `]]>`; escaped text carries the same value well-formed.
  return node.cdata && !text.includes(']]>') ? `<![CDATA[${text}]]>` : escapeText(text);
}

/**
 * Writes the tree as xmlbuilder2's pretty printer does (two-space indent, leaves inline, empty
 * elements self-closed; test/unit/xml-render.test.ts holds the two to the same output), by
 * plain concatenation: building its DOM cost most of a 1000-record page's time.
 */
function write(out: (string | Buffer | typeof SLOT)[], node: XmlElement, indent: string, slot?: XmlElement): void {
  if (node === slot) {
    out.push(`${indent}<${node.name}>`, SLOT, `${indent}</${node.name}>`);
    return;
  }
  if (node.written) {
    // A programming error, not bad input: the copy would be indented wrongly.
    if (node.written.indent !== indent) throw new Error(`${node.name} was prerendered for another depth`);
    out.push(node.written.bytes);
    if (node.written.more) out.push(...node.written.more);
    return;
  }
  let open = `${indent}<${node.name}`;
  // Checked first: an entries array per element was most of the garbage of a 150,000-ID answer.
  if (node.attrs) for (const [key, value] of Object.entries(node.attrs)) open += ` ${key}="${escapeAttr(scrub(value))}"`;
  const content = leafContent(node);
  const children = node.children ?? [];
  if (children.length === 0) {
    out.push(content === '' ? `${open}/>` : `${open}>${content}</${node.name}>`);
    return;
  }
  out.push(`${open}>`);
  if (content !== '') out.push(`${indent}  ${content}`);
  for (const c of children) write(out, c, `${indent}  `, slot);
  out.push(`${indent}</${node.name}>`);
}

/**
 * `node` written once, for a place `depth` elements below the root, so that every document
 * holding it copies its bytes: a list page's records are each written and encoded once, not once
 * per page.
 */
export function prerender(node: XmlElement, depth: number): XmlElement {
  const joined = renderElement(node, depth);
  // Copied out of Node's shared 8 KiB pool, which one long-lived slice would keep whole.
  const bytes = Buffer.allocUnsafeSlow(joined.length);
  joined.copy(bytes);
  return { name: node.name, written: { indent: '  '.repeat(depth), bytes } };
}

/** `node` as it is written `depth` elements below the root, without a newline after it. */
export function renderElement(node: XmlElement, depth: number): Buffer {
  const lines: (string | Buffer)[] = [];
  write(lines, node, '  '.repeat(depth));
  return joinLines(lines);
}

/** The same as text: a streamed answer joins many elements into one string before encoding it once. */
export function renderElementText(node: XmlElement, depth: number): string {
  const lines: (string | Buffer)[] = [];
  write(lines, node, '  '.repeat(depth));
  return lines.map((line) => (typeof line === 'string' ? line : line.toString('utf8'))).join('\n');
}

/**
 * Elements written one after another for a place `depth` elements below the root, each followed
 * by a newline, as one buffer: a chunk of a list streamed into `renderXmlAround`'s slot.
 */
export function renderSiblings(nodes: readonly XmlElement[], depth: number): Buffer {
  return Buffer.concat(renderSiblingParts(nodes, depth));
}

/**
 * The same in parts, the prerendered ones as they are: a streamed page of large prerendered
 * elements writes them to the socket without copying them into one buffer first.
 */
export function renderSiblingParts(nodes: readonly XmlElement[], depth: number): Buffer[] {
  const indent = '  '.repeat(depth);
  const lines: (string | Buffer)[] = [];
  for (const node of nodes) write(lines, node, indent);
  lines.push('');
  return lineParts(lines);
}

/** Where `renderXmlAround` cuts the document. */
const SLOT = Symbol('slot');

/** The lines as one buffer, each but the last followed by a newline. */
function joinLines(lines: readonly (string | Buffer)[]): Buffer {
  return Buffer.concat(lineParts(lines));
}

/**
 * [E] A prerendered line at least this long is a part of its own; shorter ones are copied into
 * the part around them: each part costs a socket write more than copying 8 KiB does.
 */
const OWN_PART = 8 * 1024;

/** The lines in parts: long buffers as they are, whatever lies between them copied into one. */
function lineParts(lines: readonly (string | Buffer)[]): Buffer[] {
  const parts: Buffer[] = [];
  let between: Buffer[] = [];
  let text = '';
  const endText = () => {
    if (text !== '') between.push(Buffer.from(text));
    text = '';
  };
  const endBetween = () => {
    endText();
    if (between.length > 0) parts.push(between.length === 1 ? between[0] : Buffer.concat(between));
    between = [];
  };
  lines.forEach((line, i) => {
    const end = i === lines.length - 1 ? '' : '\n';
    if (typeof line === 'string') {
      text += line + end;
      return;
    }
    if (line.length >= OWN_PART) {
      endBetween();
      parts.push(line);
    } else {
      endText();
      between.push(line);
    }
    text = end;
  });
  endBetween();
  return parts;
}

/** [Q] the XML declaration and the DOCTYPE line, without a newline after them. */
export function prologue(rootName: string, dtdPath: string, baseUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE ${rootName} SYSTEM "${baseUrl}${dtdPath}">`;
}

/**
 * [Q] `<?xml version="1.0" encoding="UTF-8" ?>` then a DOCTYPE naming the DTD by absolute URL
 * ([E] the emulator's own base URL, so validating clients fetch our DTDs). The answer is built
 * as bytes: prerendered parts are copied, never decoded and encoded again (a 530 KB page spent
 * more time making one string of its records, and encoding it, than on anything else).
 */
export function renderXml(doc: XmlDocumentSpec, baseUrl: string): Buffer {
  const lines: (string | Buffer)[] = [prologue(doc.root.name, doc.dtdPath, baseUrl)];
  write(lines as (string | Buffer | typeof SLOT)[], doc.root, '');
  lines.push('');
  return joinLines(lines);
}

/**
 * A document written around a list streamed into it: the bytes up to and including the opening
 * tag of `slot` (an element of `doc`, written with no content) and a newline, and those from its
 * closing tag to the end. The children go between them as `renderSiblings` writes them for that
 * depth: the whole is then what `renderXml` writes with the children in place.
 */
export function renderXmlAround(doc: XmlDocumentSpec, baseUrl: string, slot: XmlElement): { head: Buffer; tail: Buffer } {
  const lines: (string | Buffer | typeof SLOT)[] = [prologue(doc.root.name, doc.dtdPath, baseUrl)];
  write(lines, doc.root, '', slot);
  lines.push('');
  const at = lines.indexOf(SLOT);
  if (at < 0) throw new Error(`${slot.name} is not in the document`);
  return { head: joinLines([...(lines.slice(0, at) as (string | Buffer)[]), '']), tail: joinLines(lines.slice(at + 1) as (string | Buffer)[]) };
}
