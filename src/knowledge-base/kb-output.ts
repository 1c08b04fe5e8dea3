import { dtdText, ID_SET_DTD, REQUEST_DTD, sequence, WARNING_DTD } from '../qualys/dtd-text.js';
import { idSetElement, requestElement, type RequestEcho } from '../qualys/envelopes.js';
import { idSetOf } from '../qualys/id-set.js';
import { el, elOf, leaf, prerender, renderElement, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import { streamedPath, type StreamedElement } from '../qualys/xml-stream.js';
import type { KbEntry, KbGroup, KbLeaf, KbValue } from './kb-entry.js';
import type { KbWritten, StoredForm, WrittenVuln } from './kb-store.js';
import { seedName, VERSION_SHOWN, VULN_FIELDS, type Field, type LeafField, type Shown, type VersionShown } from './kb-schema.js';
import { KB_VERSIONS, type KbApiVersion } from './kb-versions.js';

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

/** Where PATCH_PUBLISHED_DATE, the one element 3.0 adds, goes: after the fields before it. */
const PATCH_DATE = VULN_FIELDS.findIndex((f) => f.element === 'PATCH_PUBLISHED_DATE');
const VULN_CLOSE = Buffer.byteLength(`${VULN_INDENT}</VULN>`);

/**
 * The version of the forms `writtenForms` writes. Raise it with any change to their bytes or their
 * splits (kb-schema.ts's fields, this module, the renderer): a database holding forms of another
 * version has them written again at start-up (src/db/stored-forms.ts).
 */
export const KB_FORMS_VERSION = 1;

/**
 * An entry's VULN written as 2.0's answers without show_ flags write it, Basic and All, to be
 * stored beside it: a list copies those bytes rather than writing every element again (most of
 * a list's time when it did). With each, the byte where 3.0's PATCH_PUBLISHED_DATE goes, so that
 * 3.0 and 4.0 answers copy the same bytes with that one line put in (`withPatchDate`).
 */
export function writtenForms(entry: KbEntry): KbWritten {
  const written = (form: StoredForm): WrittenVuln => {
    const head = renderElement(groupElement('VULN', VULN_FIELDS.slice(0, PATCH_DATE), entry, FORMS[form]), VULN_DEPTH);
    return { bytes: prerender(vulnElement(entry, FORMS[form]), VULN_DEPTH).written!.bytes, split: head.length - VULN_CLOSE };
  };
  return { basic: written('basic'), all: written('all') };
}

const isVersionShown = (s: Shown): s is VersionShown => (VERSION_SHOWN as readonly Shown[]).includes(s);

/** The stored form an answer showing `shown` copies, if it is one (the version's elements aside). */
export function storedForm(shown: ShownSet): StoredForm | undefined {
  const rest = [...shown].filter((s) => !isVersionShown(s));
  if (rest.length === 1) return 'basic';
  return rest.length === 2 && shown.has('all') ? 'all' : undefined;
}

// The date's line as the renderer writes a leaf, around the date: put into every patchable entry of
// a 3.0 list, where rendering it took half of the splice's time. A date needs no escaping (kb-entry.ts
// checks its form); test/api/kb-versions.test.ts holds the line to the renderer's.
const PATCH_DATE_INDENT = '  '.repeat(VULN_DEPTH + 1);

/**
 * A stored VULN with its PATCH_PUBLISHED_DATE put in at `split`, as 3.0 writes it: the bytes
 * before the date's line, then that line and those after, copied as they are (no joined copy of
 * each entry, which cost a 3.0 list a tenth of its time).
 */
export function withPatchDate(bytes: Buffer, split: number, date: string): XmlElement {
  const line = Buffer.from(`${PATCH_DATE_INDENT}<PATCH_PUBLISHED_DATE>${date}</PATCH_PUBLISHED_DATE>`, 'latin1');
  return { name: 'VULN', written: { indent: VULN_INDENT, bytes: bytes.subarray(0, split - 1), more: [line, bytes.subarray(split)] } };
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

/** The declarations of a field and everything below it, of the elements `written` keeps. */
function declarations(field: Field, written: (f: Field) => boolean): string[] {
  const q = (f: Field) => f.element + (f.required ? '' : '?');
  if (field.type === 'leaf') {
    const attr = field.attr && `<!ATTLIST ${field.element} ${field.attr.name} CDATA ${field.attr.required ? '#REQUIRED' : '#IMPLIED'}>`;
    return [`<!ELEMENT ${field.element} (#PCDATA)>`, ...(attr ? [attr] : [])];
  }
  if (field.type === 'list') return [`<!ELEMENT ${field.element} (${field.member.element}+)>`, ...declarations(field.member, written)];
  const children = field.children.filter(written);
  return [sequence(field.element, children.map(q)), ...children.flatMap((c) => declarations(c, written))];
}

/**
 * The DTD of `version`'s answers, written from the declarations (dtd/ holds it,
 * test/unit/dtds.test.ts checks): [Q] 2.0's structure as Qualys's; [E] 3.0's, 2.0's with the
 * elements it adds.
 */
export function kbListDtd(version: KbApiVersion): string {
  const { shows } = KB_VERSIONS[version];
  const written = (f: Field) => f.shown === undefined || !isVersionShown(f.shown) || shows.includes(f.shown);
  const vuln: Field = { type: 'group', element: 'VULN', children: VULN_FIELDS, required: true };
  const added = VULN_FIELDS.filter((f) => f.shown !== undefined && isVersionShown(f.shown) && shows.includes(f.shown)).map((f) => f.element);
  const title = added.length === 0 ? '' : ` [E] reconstructed: 2.0's with ${added.join(', ')}`;
  return dtdText(`KNOWLEDGE_BASE_VULN_LIST_OUTPUT DTD${title}`, [
    `<!ELEMENT ${ROOT} (REQUEST?, RESPONSE)>`,
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, (VULN_LIST|ID_SET)?, WARNING?)>',
    '<!ELEMENT VULN_LIST (VULN*)>',
    ...declarations(vuln, written),
    ...ID_SET_DTD,
    ...WARNING_DTD,
  ]);
}
