import { el, elOf, leaf, cdataLeaf, prerender, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import { idSetElement, requestElement, type RequestEcho } from '../qualys/envelopes.js';
import { formatIpSet } from '../qualys/ip-set.js';
import { idSetOf } from '../qualys/id-set.js';
import { fieldsAroundBody, fieldsListed, listedFields, type AuthRecord, type FieldSpec, type RecordType } from './record-type.js';

/** [Q] details=None: IDs only; Basic: the records; All: Basic plus the owners' GLOSSARY. */
export type Details = 'None' | 'Basic' | 'All';

export interface ListPage {
  echo?: RequestEcho;
  datetime: string;
  details: Details;
  records: readonly AuthRecord[];
  /** URL of the next page when more records matched than one response holds. */
  nextUrl?: string;
  pageSize: number;
}

/**
 * The elements of the listed fields that hold a value, in declaration order. [Q] free text is
 * CDATA; numbers, flags and enumerations are plain; secrets are never listed.
 */
export function fieldElements(fields: readonly FieldSpec[], values: Readonly<Record<string, string>>): XmlElement[] {
  return listedFields(fields).flatMap((f) => {
    const value = values[f.param];
    if (value === undefined) return [];
    return [(f.kind ?? 'text') === 'text' ? cdataLeaf(f.element, value) : leaf(f.element, value)];
  });
}

function recordElement(type: RecordType, r: AuthRecord): XmlElement {
  const [before, after] = fieldsAroundBody(type);
  return el(
    type.list.recordElement,
    leaf('ID', String(r.id)),
    cdataLeaf('TITLE', r.title),
    ...fieldElements(before, r.fields),
    ...(type.body?.list(r.fields) ?? []),
    ...fieldElements(after, r.fields),
    r.ips.length > 0 &&
      elOf(
        'IP_SET',
        formatIpSet(r.ips).map((e) => leaf(e.kind, e.value)),
      ),
    // [Q] the Unix and MS Exchange list samples show NETWORK_ID 0 for a record created without a network
    type.networkId !== false && leaf('NETWORK_ID', String(r.networkId ?? 0)),
    el('CREATED', leaf('DATETIME', r.createdAt), cdataLeaf('BY', r.createdBy)),
    el('LAST_MODIFIED', leaf('DATETIME', r.modifiedAt), r.modifiedBy !== undefined && cdataLeaf('BY', r.modifiedBy)),
    r.comments !== undefined && cdataLeaf('COMMENTS', r.comments),
    ...fieldElements(fieldsListed(type.fields, 'last'), r.fields),
  );
}

/** Where a record sits in a list document: root, RESPONSE, the list, the record. */
const RECORD_DEPTH = 3;

/**
 * Each record's XML, written once: a 1000-record page was mostly rendering. Keyed by the record
 * object, which the store replaces whenever the record changes, so a change is never missed.
 */
const written = new WeakMap<AuthRecord, XmlElement>();

function writtenRecord(type: RecordType, r: AuthRecord): XmlElement {
  let node = written.get(r);
  if (!node) {
    node = prerender(recordElement(type, r), RECORD_DEPTH);
    written.set(r, node);
  }
  return node;
}

/**
 * [E] the emulator's users have no names, so FIRST_NAME is the login and LAST_NAME is empty.
 */
function glossary(records: readonly AuthRecord[]): XmlElement | undefined {
  const logins = [...new Set(records.flatMap((r) => [r.createdBy, ...(r.modifiedBy ? [r.modifiedBy] : [])]))].sort();
  if (logins.length === 0) return undefined;
  return el(
    'GLOSSARY',
    elOf(
      'USER_LIST',
      logins.map((l) => el('USER', cdataLeaf('USER_LOGIN', l), cdataLeaf('FIRST_NAME', l), leaf('LAST_NAME', ''))),
    ),
  );
}

/** [Q] 1980 with the next page's URL; the TEXT names the configured page size. */
export function warning(page: Pick<ListPage, 'nextUrl' | 'pageSize'>): XmlElement | undefined {
  if (!page.nextUrl) return undefined;
  return el(
    'WARNING',
    leaf('CODE', '1980'),
    leaf('TEXT', `${page.pageSize} record limit exceeded. Use URL to get next batch of results.`),
    cdataLeaf('URL', page.nextUrl),
  );
}

export function listOutput(type: RecordType, page: ListPage): XmlDocumentSpec {
  const { records, details } = page;
  let body: XmlElement | undefined;
  if (records.length > 0) {
    body =
      details === 'None'
        ? idSetElement(idSetOf(records.map((r) => r.id)))
        : elOf(
            type.list.listElement,
            records.map((r) => writtenRecord(type, r)),
          );
  }
  return {
    dtdPath: type.list.dtdPath,
    root: el(
      type.list.root,
      requestElement(page.echo),
      el('RESPONSE', leaf('DATETIME', page.datetime), body, warning(page), details === 'All' && glossary(records)),
    ),
  };
}
