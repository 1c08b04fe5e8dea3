import { dtdText, ID_SET_DTD, REQUEST_DTD, sequence, WARNING_DTD } from '../qualys/dtd-text.js';
import { idSetElement, requestElement, type RequestEcho } from '../qualys/envelopes.js';
import { idSetOf } from '../qualys/id-set.js';
import { el, elOf, leaf, prerender, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import { streamedPath, type StreamedElement } from '../qualys/xml-stream.js';
import type { KbEntry, KbGroup, KbLeaf, KbValue } from './kb-entry.js';
import type { KbWritten, StoredForm } from './kb-store.js';
import { seedName, VULN_FIELDS, type Field, type LeafField, type Shown } from './kb-schema.js';

/** [Q recorded 2020, 2022] the DTD the answers' DOCTYPE names, at each version's own path [E for 3.0 and 4.0]. */
export const kbDtdPath = (version: string) => `/api/${version}/fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd`;

const ROOT = 'KNOWLEDGE_BASE_VULN_LIST_OUTPUT';

/** What an answer shows of each entry: `basic` always, the rest as asked. */
export type ShownSet = ReadonlySet<Shown>;

function leafElement(field: LeafField, value: KbLeaf): XmlElement {
  const text = typeof value === 'string' ? value : value.value;
  const attrs = field.attr && typeof value !== 'string' && value[field.attr.name] !== undefined ? { [field.attr.name]: value[field.attr.name] } : undefined;
  return { name: field.element, text, cdata: field.kind === 'cdata', attrs };
}

function element(field: Field, value: KbValue, shown: ShownSet): XmlElement | undefined {
  if (!shown.has(field.shown ?? 'basic')) return undefined;
  if (field.type === 'leaf') return leafElement(field, value as KbLeaf);
  if (field.type === 'group') return groupElement(field.element, field.children, value as KbGroup, shown);
  const member = field.member;
  return elOf(
    field.element,
    (value as readonly KbValue[]).map((m) =>
      member.type === 'leaf' ? leafElement(member, m as KbLeaf) : groupElement(member.element, member.children, m as KbGroup, shown),
    ),
  );
}

function groupElement(name: string, fields: readonly Field[], value: KbGroup, shown: ShownSet): XmlElement {
  const children: XmlElement[] = [];
  for (const field of fields) {
    const v = value[seedName(field)];
    const child = v === undefined ? undefined : element(field, v, shown);
    // [E] a group left with no children (CVSS under Basic with only vectors given) is left out
    if (child && (field.type !== 'group' || (child.children?.length ?? 0) > 0)) children.push(child);
  }
  return elOf(name, children);
}

/** One VULN, its elements in the DTD's order, those `shown` asks for. */
export const vulnElement = (entry: KbEntry, shown: ShownSet): XmlElement => groupElement('VULN', VULN_FIELDS, entry, shown);

/** VULN's place: KNOWLEDGE_BASE_VULN_LIST_OUTPUT, RESPONSE, VULN_LIST above it. */
const VULN_DEPTH = 3;
const VULN_INDENT = '  '.repeat(VULN_DEPTH);
const FORMS: Readonly<Record<StoredForm, ShownSet>> = { basic: new Set(['basic']), all: new Set(['basic', 'all']) };

/**
 * An entry's VULN written as the answers without show_ flags write it, Basic and All, to be
 * stored beside it: a list copies those bytes rather than writing every element again (most of
 * a list's time when it did).
 */
export function writtenForms(entry: KbEntry): KbWritten {
  const written = (form: StoredForm) => prerender(vulnElement(entry, FORMS[form]), VULN_DEPTH).written!.bytes;
  return { basic: written('basic'), all: written('all') };
}

/** The stored form an answer showing `shown` copies, if it is one. */
export function storedForm(shown: ShownSet): StoredForm | undefined {
  if (shown.size === 1) return 'basic';
  return shown.size === 2 && shown.has('all') ? 'all' : undefined;
}

/** A VULN stored written, copied as it is into VULN_LIST. */
export const storedVuln = (bytes: Buffer): XmlElement => ({ name: 'VULN', written: { indent: VULN_INDENT, bytes } });

interface Head {
  echo?: RequestEcho;
  datetime: string;
}

/** [Q recorded] details=None: the matching QIDs as an ID_SET, ranges joined; nothing at all when none match. */
export function kbIdSetOutput(head: Head, qids: readonly number[], version: string): XmlDocumentSpec {
  return {
    dtdPath: kbDtdPath(version),
    root: el(ROOT, head.echo && requestElement(head.echo), el('RESPONSE', leaf('DATETIME', head.datetime), qids.length > 0 && idSetElement(idSetOf(qids)))),
  };
}

/** The answer with entries, VULN_LIST streamed batch by batch and left out when empty [Q recorded]. */
export function kbListOutput(head: Head, batches: AsyncIterable<readonly XmlElement[]>): StreamedElement {
  return streamedPath(ROOT, [
    head.echo && requestElement(head.echo),
    streamedPath('RESPONSE', [leaf('DATETIME', head.datetime), { kind: 'list', name: 'VULN_LIST', batches, omitEmpty: true }]),
  ]);
}

/** The declarations of a field and everything below it. */
function declarations(field: Field): string[] {
  const q = (f: Field) => f.element + (f.required ? '' : '?');
  if (field.type === 'leaf') {
    const attr = field.attr && `<!ATTLIST ${field.element} ${field.attr.name} CDATA ${field.attr.required ? '#REQUIRED' : '#IMPLIED'}>`;
    return [`<!ELEMENT ${field.element} (#PCDATA)>`, ...(attr ? [attr] : [])];
  }
  if (field.type === 'list') return [`<!ELEMENT ${field.element} (${field.member.element}+)>`, ...declarations(field.member)];
  return [sequence(field.element, field.children.map(q)), ...field.children.flatMap(declarations)];
}

/** [Q] The DTD, written from the declarations (structure as Qualys's; dtd/ holds it, test/unit/dtds.test.ts checks). */
export function kbListDtd(): string {
  const vuln: Field = { type: 'group', element: 'VULN', children: VULN_FIELDS, required: true };
  return dtdText('KNOWLEDGE_BASE_VULN_LIST_OUTPUT DTD', [
    `<!ELEMENT ${ROOT} (REQUEST?, RESPONSE)>`,
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, (VULN_LIST|ID_SET)?, WARNING?)>',
    '<!ELEMENT VULN_LIST (VULN*)>',
    ...declarations(vuln),
    ...ID_SET_DTD,
    ...WARNING_DTD,
  ]);
}
