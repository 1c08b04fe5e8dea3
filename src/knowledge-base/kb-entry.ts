import { hasNonXmlChars } from '../qualys/xml.js';
import { MAX_ID } from '../qualys/id-set.js';
import { seedName, VULN_FIELDS, type Field, type LeafField } from './kb-schema.js';

/**
 * A KnowledgeBase entry as stored and written: the seed's fields (element names in lower case),
 * checked against the declarations of kb-schema.ts, every value a string. A leaf with an attribute
 * (THREAT_INTEL id, BASE source) is `{ value, <attribute> }`.
 */
export type KbLeaf = string | { readonly value: string; readonly [attr: string]: string };
export interface KbGroup {
  readonly [field: string]: KbValue;
}
export type KbValue = KbLeaf | KbGroup | readonly KbValue[];
export type KbEntry = KbGroup;

/** [E] Bounds on one entry, so a seed cannot make one row of any size. */
const MAX_TEXT = 64 * 1024;
const MAX_MEMBERS = 1000;

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Refuses the entry, saying where in it. */
export type Refuse = (message: string) => never;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalar(value: unknown, where: string, refuse: Refuse): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return value;
  return refuse(`${where} must be a string or a number`);
}

function leafText(field: LeafField, value: unknown, where: string, refuse: Refuse): string {
  const text = scalar(value, where, refuse);
  if (hasNonXmlChars(text)) refuse(`${where} holds characters XML cannot carry`);
  if (text.length > MAX_TEXT) refuse(`${where} is longer than ${MAX_TEXT} characters`);
  switch (field.kind) {
    case 'integer':
      if (!/^\d{1,10}$/.test(text) || +text > MAX_ID) refuse(`${where} must be an integer from 0 to ${MAX_ID}`);
      break;
    case 'flag':
      if (text !== '0' && text !== '1') refuse(`${where} must be 0 or 1`);
      break;
    case 'datetime':
      if (!DATETIME.test(text) || Number.isNaN(Date.parse(text))) refuse(`${where} must be a date and time: YYYY-MM-DDTHH:MM:SSZ`);
      break;
    default:
  }
  if (field.values && !field.values.includes(text)) refuse(`${where} must be one of: ${field.values.join(', ')}`);
  return String(field.kind === 'integer' ? +text : text);
}

function readLeaf(field: LeafField, value: unknown, where: string, refuse: Refuse): KbLeaf {
  if (!field.attr) return leafText(field, value, where, refuse);
  const { name, required } = field.attr;
  if (!isObject(value)) {
    if (required) refuse(`${where} must be an object with value and ${name}`);
    return leafText(field, value, where, refuse);
  }
  const unknown = Object.keys(value).filter((k) => k !== 'value' && k !== name);
  if (unknown.length > 0) refuse(`${where} has no field ${unknown[0]} (it takes value and ${name})`);
  const text = leafText(field, value.value, `${where}.value`, refuse);
  if (value[name] === undefined) return required ? refuse(`${where}.${name} is required`) : text;
  const attr = scalar(value[name], `${where}.${name}`, refuse);
  if (hasNonXmlChars(attr) || attr.length > 256) refuse(`${where}.${name} must be at most 256 characters XML can carry`);
  return { value: text, [name]: attr };
}

function readField(field: Field, value: unknown, where: string, refuse: Refuse): KbValue {
  if (field.type === 'leaf') return readLeaf(field, value, where, refuse);
  if (field.type === 'group') return readGroup(field.children, value, where, refuse);
  if (!Array.isArray(value)) return refuse(`${where} must be an array`);
  if (value.length === 0) return refuse(`${where} must not be empty (leave it out instead)`);
  if (value.length > MAX_MEMBERS) return refuse(`${where} has more than ${MAX_MEMBERS} members`);
  return value.map((member, i) => readField(field.member, member, `${where}[${i}]`, refuse));
}

function readGroup(fields: readonly Field[], value: unknown, where: string, refuse: Refuse, defaults: Readonly<Record<string, unknown>> = {}): KbGroup {
  if (!isObject(value)) return refuse(`${where} must be an object`);
  const names = new Set(fields.map(seedName));
  const unknown = Object.keys(value).find((k) => !names.has(k));
  if (unknown !== undefined) refuse(`${where} has no field ${unknown}`);
  const out: Record<string, KbValue> = {};
  for (const field of fields) {
    const name = seedName(field);
    const given = value[name] ?? defaults[name];
    if (given === undefined || given === null) {
      if (field.required) refuse(`${where}.${name} is required`);
      continue;
    }
    out[name] = readField(field, given, `${where}.${name}`, refuse);
  }
  return out;
}

/**
 * A seed's entry checked and normalised; [E] what the DTD requires and a seed may leave out:
 * VULN_TYPE `Vulnerability`, PUBLISHED_DATETIME the seed's time, PATCHABLE 0, DISCOVERY remote.
 */
export function readKbEntry(value: unknown, now: string, where: string, refuse: Refuse): KbEntry {
  const defaults = { vuln_type: 'Vulnerability', published_datetime: now, patchable: 0, discovery: { remote: 1 } };
  const entry = readGroup(VULN_FIELDS, value, where, refuse, defaults);
  if (entry.qid === '0') refuse(`${where}.qid must be a positive integer`);
  return entry;
}

/** A leaf's text, whether it carries an attribute or not. */
export const leafValue = (leaf: KbLeaf): string => (typeof leaf === 'string' ? leaf : leaf.value);

/** The entry's fields the store indexes and filters on. */
export function kbFacts(entry: KbEntry) {
  const text = (name: string) => {
    const v = entry[name];
    return v === undefined ? null : leafValue(v as KbLeaf);
  };
  const discovery = entry.discovery as KbGroup;
  const authTypes = (discovery.auth_type_list as readonly KbLeaf[] | undefined)?.map(leafValue) ?? [];
  const customization = entry.last_customization as KbGroup | undefined;
  return {
    qid: Number(text('qid')),
    severity: Number(text('severity_level')),
    title: text('title') ?? '',
    patchable: Number(text('patchable')),
    remote: Number(leafValue(discovery.remote as KbLeaf)),
    authTypes,
    serviceModified: text('last_service_modification_datetime'),
    userModified: customization ? leafValue(customization.datetime as KbLeaf) : null,
    published: text('published_datetime') ?? '',
    patchPublished: text('patch_published_date'),
  };
}
