import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

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
}

/** A whole response document: its root and the DTD path its DOCTYPE names. */
export interface XmlDocumentSpec {
  root: XmlElement;
  dtdPath: string;
}

export const el = (name: string, ...children: (XmlElement | undefined | false)[]): XmlElement => ({
  name,
  children: children.filter((c): c is XmlElement => Boolean(c)),
});
export const leaf = (name: string, text: string): XmlElement => ({ name, text });
export const cdataLeaf = (name: string, text: string): XmlElement => ({ name, text, cdata: true });

/**
 * Characters XML 1.0 cannot carry. Input with them is refused (1905), but error TEXTs echo
 * what the client sent, so every value is scrubbed here as the last line of defence.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const scrub = (text: string) => text.replace(NOT_XML_CHAR, '\uFFFD');
export const hasNonXmlChars = (text: string) => new RegExp(NOT_XML_CHAR.source, 'u').test(text);

function append(parent: XMLBuilder, node: XmlElement): void {
  const child = parent.ele(node.name);
  for (const [key, value] of Object.entries(node.attrs ?? {})) child.att(key, scrub(value));
  if (node.text !== undefined) {
    const text = scrub(node.text);
    // A CDATA section cannot hold `]]>`; escaped text carries the same value well-formed.
    if (node.cdata && !text.includes(']]>')) child.dat(text);
    else child.txt(text);
  }
  for (const c of node.children ?? []) append(child, c);
}

/**
 * [Q] `<?xml version="1.0" encoding="UTF-8" ?>` then a DOCTYPE naming the DTD by absolute URL
 * ([E] the emulator's own base URL, so validating clients fetch our DTDs).
 */
export function renderXml(doc: XmlDocumentSpec, baseUrl: string): string {
  const builder = create();
  append(builder, doc.root);
  const body = builder.end({ headless: true, prettyPrint: true, indent: '  ' });
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE ${doc.root.name} SYSTEM "${baseUrl}${doc.dtdPath}">\n${body}\n`;
}
