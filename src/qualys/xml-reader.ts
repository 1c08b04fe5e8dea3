import { hasNonXmlChars } from './xml.js';

/**
 * A small, strict reader for the XML documents clients POST (a Unix record's UNIX_AUTH_PARAMS).
 * It reads elements, attributes, character data, CDATA sections and comments, and nothing that
 * could reach outside the document or grow without bound: a DOCTYPE (entities, external
 * subsets), processing instructions and references other than the five predefined entities and
 * character references are refused. Depth and element count are bounded, and every step scans
 * forward, so a document costs time linear in its length.
 */
export interface XmlNode {
  name: string;
  attrs: ReadonlyMap<string, string>;
  children: XmlNode[];
  /** The element's own character data and CDATA, concatenated (text between child elements included). */
  text: string;
}

export interface XmlReadLimits {
  /** Elements nested deeper than this are refused. */
  maxDepth: number;
  /** Documents with more elements than this are refused. */
  maxElements: number;
}

/** Why a document is not one this reader takes; the message never quotes the document's text. */
export class XmlReadError extends Error {}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const SPACE = /[ \t\r\n]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class Reader {
  private i = 0;
  private elements = 0;

  constructor(
    private readonly s: string,
    private readonly limits: XmlReadLimits,
  ) {}

  fail(reason: string): never {
    const line = this.s.slice(0, this.i).split('\n').length;
    throw new XmlReadError(`not well-formed XML (line ${line}): ${reason}`);
  }

  document(): XmlNode {
    if (this.s.startsWith('\uFEFF')) this.i = 1;
    if (/^<\?xml[ \t\r\n]/.test(this.s.slice(this.i, this.i + 6))) this.declaration();
    this.misc();
    if (this.s[this.i] !== '<') this.fail(this.i >= this.s.length ? 'no root element' : 'text before the root element');
    const root = this.element();
    this.misc();
    if (this.i < this.s.length) this.fail('content after the root element');
    return root;
  }

  /** `<?xml version="1.0" encoding="UTF-8"?>`: the body was read as UTF-8, so no other encoding is taken. */
  private declaration(): void {
    const end = this.s.indexOf('?>', this.i);
    if (end < 0) this.fail('unterminated XML declaration');
    const decl = this.s.slice(this.i + 5, end);
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(decl)) this.fail('the XML declaration needs version 1.x');
    const encoding = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl)?.[2];
    if (encoding !== undefined && !/^(utf-8|us-ascii)$/i.test(encoding)) this.fail(`encoding ${JSON.stringify(encoding)} is not supported (UTF-8 only)`);
    this.i = end + 2;
  }

  /** Whitespace and comments; a DOCTYPE or a processing instruction is refused. */
  private misc(): void {
    for (;;) {
      this.space();
      if (this.s.startsWith('<!--', this.i)) this.comment();
      else if (this.s.startsWith('<!DOCTYPE', this.i) || this.s.startsWith('<!doctype', this.i)) this.fail('a DOCTYPE is not accepted');
      else if (this.s.startsWith('<?', this.i)) this.fail('processing instructions are not accepted');
      else return;
    }
  }

  private space(): void {
    SPACE.lastIndex = this.i;
    SPACE.test(this.s);
    this.i = SPACE.lastIndex;
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.i + 4);
    if (end < 0) this.fail('unterminated comment');
    if (this.s.slice(this.i + 4, end).includes('--')) this.fail('"--" inside a comment');
    this.i = end + 3;
  }

  private name(what: string): string {
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.s);
    if (!m) this.fail(`${what} expected`);
    this.i = NAME.lastIndex;
    return m[0];
  }

  /** The element starting at `<`, read with an explicit stack: depth never reaches the call stack. */
  private element(): XmlNode {
    if (!/[A-Za-z_:]/.test(this.s[this.i + 1] ?? '')) this.fail('a root element expected');
    const stack: XmlNode[] = [];
    let root: XmlNode | undefined;
    do {
      const c = this.s[this.i];
      if (c === undefined) this.fail(`unclosed element ${stack[stack.length - 1].name}`);
      if (c !== '<') {
        this.text(stack[stack.length - 1]);
      } else if (this.s.startsWith('</', this.i)) {
        this.i += 2;
        const name = this.name('an element name');
        this.space();
        if (this.s[this.i] !== '>') this.fail(`> expected after </${name}`);
        this.i++;
        const open = stack.pop()!;
        if (open.name !== name) this.fail(`</${name}> closes <${open.name}>`);
      } else if (this.s.startsWith('<!--', this.i)) {
        this.comment();
      } else if (this.s.startsWith('<![CDATA[', this.i)) {
        const end = this.s.indexOf(']]>', this.i + 9);
        if (end < 0) this.fail('unterminated CDATA section');
        this.append(stack[stack.length - 1], this.s.slice(this.i + 9, end));
        this.i = end + 3;
      } else if (this.s.startsWith('<!', this.i) || this.s.startsWith('<?', this.i)) {
        this.fail(this.s.startsWith('<?', this.i) ? 'processing instructions are not accepted' : 'declarations are not accepted inside elements');
      } else {
        const node = this.startTag();
        if (++this.elements > this.limits.maxElements) this.fail(`more than ${this.limits.maxElements} elements`);
        if (stack.length > 0) stack[stack.length - 1].children.push(node);
        else root = node;
        if (this.s[this.i - 2] !== '/') {
          if (stack.length >= this.limits.maxDepth) this.fail(`elements nested deeper than ${this.limits.maxDepth}`);
          stack.push(node);
        }
      }
    } while (stack.length > 0);
    return root!;
  }

  /** `<NAME attr="v" ...>` or `.../>`; leaves `i` past the `>`. */
  private startTag(): XmlNode {
    this.i++;
    const name = this.name('an element name');
    const attrs = new Map<string, string>();
    for (;;) {
      const before = this.i;
      this.space();
      if (this.s.startsWith('/>', this.i)) {
        this.i += 2;
        break;
      }
      if (this.s[this.i] === '>') {
        this.i++;
        break;
      }
      if (this.i === before) this.fail(`space, > or /> expected in <${name}>`);
      const attr = this.name('an attribute name');
      this.space();
      if (this.s[this.i] !== '=') this.fail(`= expected after attribute ${attr}`);
      this.i++;
      this.space();
      const quote = this.s[this.i];
      if (quote !== '"' && quote !== "'") this.fail(`a quoted value expected for attribute ${attr}`);
      const end = this.s.indexOf(quote, this.i + 1);
      if (end < 0) this.fail(`unterminated value of attribute ${attr}`);
      const raw = this.s.slice(this.i + 1, end);
      if (raw.includes('<')) this.fail(`< in the value of attribute ${attr}`);
      if (attrs.has(attr)) this.fail(`attribute ${attr} given twice`);
      attrs.set(attr, this.decode(raw));
      this.i = end + 1;
    }
    return { name, attrs, children: [], text: '' };
  }

  /** Character data up to the next `<`, its references decoded. */
  private text(node: XmlNode): void {
    let end = this.s.indexOf('<', this.i);
    if (end < 0) end = this.s.length;
    const raw = this.s.slice(this.i, end);
    if (raw.includes(']]>')) this.fail(']]> in character data');
    this.append(node, this.decode(raw));
    this.i = end;
  }

  private append(node: XmlNode, text: string): void {
    if (hasNonXmlChars(text)) this.fail('characters XML cannot carry');
    node.text += text;
  }

  /** The five predefined entities and character references; any other reference is refused. */
  private decode(raw: string): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&]*);?/g, (ref, body: string) => {
      if (!ref.endsWith(';')) this.fail('& not starting a reference');
      if (Object.hasOwn(PREDEFINED, body)) return PREDEFINED[body];
      const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
      // never quoted: the text may be a secret's
      if (!m) this.fail('a reference to an entity other than amp, lt, gt, quot, apos or a character');
      const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\u0000';
      if (hasNonXmlChars(char)) this.fail(`character reference &${body}; is not an XML character`);
      return char;
    });
  }
}

/** Reads `text` as one XML document within `limits`; an XmlReadError says why it is not one. */
export function readXml(text: string, limits: XmlReadLimits): XmlNode {
  return new Reader(text, limits).document();
}
