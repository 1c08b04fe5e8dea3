import { qualysErrors } from '../qualys/errors.js';
import { readXml, XmlReadError, type XmlNode } from '../qualys/xml-reader.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { IntervalSet } from '../qualys/interval-set.js';
import type { RequestParams } from '../qualys/params.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { COMMENTS_MAX, TITLE_MAX, type FieldSpec, type RecordType } from './record-type.js';

/** The validated values of a create or update request; absent means not given. */
export interface RecordInput {
  title?: string;
  comments?: string;
  networkId?: number;
  /** The type's fields the request gave, read as their kinds say. */
  fields: Record<string, string>;
  ips?: IntervalSet;
  /** What the XML document POSTed with the parameters gives, read by the type's body. */
  body?: unknown;
}

/** An update's values: a record's values, plus edits of its IP set instead of `ips`. */
export interface RecordChange extends RecordInput {
  addIps?: IntervalSet;
  removeIps?: IntervalSet;
}

export interface InputRules {
  /** The networks a `network_id` may name (the networks family). */
  networks: NetworkDirectory;
}

/** [E] free-text fields without a declared limit. */
const TEXT_MAX = 1024;
/** [Q] Qualys's limit for passwords, on every type page that states one. */
const SECRET_MAX = 100;

/** One type-specific value, checked as its kind says; undefined when not given. */
export function readField(field: FieldSpec, params: RequestParams): string | undefined {
  switch (field.kind ?? 'text') {
    case 'flag':
      return params.oneOf(field.param, ['0', '1']);
    case 'port':
      return params.port(field.param);
    case 'enum':
      // [E] matched case-insensitively, as Qualys documents some values capitalised and clients vary.
      return params.oneOf(field.param, field.values ?? [], true);
    case 'integer':
      return params.integer(field.param, field.min, field.max);
    case 'list':
      return params.list(field.param, field.maxLength ?? TEXT_MAX, field.values);
    case 'secret':
      return params.text(field.param, field.maxLength ?? SECRET_MAX);
    case 'text':
      return params.text(field.param, field.maxLength ?? TEXT_MAX);
  }
}

/** The fields an action accepts: all but those declared for the other action only. */
export function fieldsFor(type: RecordType, action: 'create' | 'update'): FieldSpec[] {
  return type.fields.filter((f) => f.only === undefined || f.only === action);
}

/** Reads and validates every record value the request carries (1905 on the first bad one). */
export function readRecordInput(type: RecordType, action: 'create' | 'update', params: RequestParams, rules: InputRules): RecordInput {
  const fields: Record<string, string> = {};
  for (const field of fieldsFor(type, action)) {
    const value = readField(field, params);
    if (value !== undefined) fields[field.param] = value;
  }
  const networkId = params.get('network_id');
  const title = params.text('title', TITLE_MAX);
  // [E] create counts an empty title as missing (1903); an update may not blank it either.
  if (title === '') throw qualysErrors.invalidValue('title', title, 'a title cannot be empty');
  return {
    title,
    comments: params.text('comments', COMMENTS_MAX),
    fields,
    ips: readIps(params, 'ips'),
    networkId: networkId === undefined ? undefined : rules.networks.networkId(networkId),
  };
}

function readIps(params: RequestParams, name: string): IntervalSet | undefined {
  const value = params.get(name);
  return value === undefined ? undefined : parseIpSet(name, value);
}

/** An update's values; the dispatcher has already refused `ips` together with an edit (1904). */
export function readRecordChange(type: RecordType, params: RequestParams, rules: InputRules): RecordChange {
  return { ...readRecordInput(type, 'update', params, rules), addIps: readIps(params, 'add_ips'), removeIps: readIps(params, 'remove_ips') };
}

/** [E] bounds of a POSTed document: depth and elements (a Unix body of 100 entries in each list needs about 3,000). */
const BODY_LIMITS = { maxDepth: 16, maxElements: 5000 };

/**
 * The XML document a create or update POSTed, read by the type's body; undefined when none was
 * sent (an empty body is none). A document that is not well-formed, not the type's, or sent to a
 * type that takes none, is a 1905 [E: Qualys's code for it is not known], before anything changes.
 */
export function readRecordBody(type: RecordType, action: 'create' | 'update', xmlBody: string | undefined): unknown {
  if (xmlBody === undefined || xmlBody.trim() === '') return undefined;
  if (type.body === undefined) throw qualysErrors.badBody(`a ${type.name} record takes no XML document`);
  let doc: XmlNode;
  try {
    doc = readXml(xmlBody, BODY_LIMITS);
  } catch (err) {
    if (err instanceof XmlReadError) throw qualysErrors.badBody(err.message);
    throw err;
  }
  if (doc.name !== type.body.root) throw qualysErrors.badBody(`the document is ${doc.name}, not ${type.body.root}`);
  return type.body.read(doc, action);
}
