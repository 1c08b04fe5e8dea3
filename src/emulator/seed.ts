import { readFileSync } from 'node:fs';
import type { Db } from '../db/open.js';
import { dispatch, type Endpoint } from '../qualys/endpoint.js';
import { QualysError } from '../qualys/errors.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import { RequestParams } from '../qualys/params.js';
import type { XmlDocumentSpec, XmlElement } from '../qualys/xml.js';
import { AdminError, arrayOf, objectOf } from './json-input.js';

/** `{"records": [{"type": "docker", "title": "...", "ips": "...", ...API parameters}]}`. */
export interface SeedDocument {
  records: SeedRecord[];
}

/** A record type name and the create action's parameters; an undefined value is left out, as in JSON. */
export interface SeedRecord {
  type: string;
  [param: string]: string | number | undefined;
}

/** A refused seed document: the failing record's index and, for API validation, its Qualys CODE and TEXT. */
export class SeedError extends AdminError {
  constructor(
    readonly index: number | undefined,
    message: string,
    readonly code?: string,
    readonly text?: string,
  ) {
    super(400, message, { index, code, text });
  }
}

export interface SeedTarget {
  db: Db;
  /** Record type name to its endpoint. */
  endpoints: ReadonlyMap<string, Endpoint>;
}

/** The first ID in an answer: the one a create returns. */
function firstId(node: XmlElement): number | undefined {
  if (node.name === 'ID' && node.text !== undefined) return Number(node.text);
  for (const child of node.children ?? []) {
    const id = firstId(child);
    if (id !== undefined) return id;
  }
  return undefined;
}

function paramsOf(record: Record<string, unknown>, index: number): [string, string][] {
  const out: [string, string][] = [['action', 'create']];
  for (const [name, value] of Object.entries(record)) {
    if (name === 'type' || value === undefined) continue;
    if (name === 'action') throw new SeedError(index, `records[${index}]: no action field; seed records are always created`);
    if (typeof value === 'number' && Number.isFinite(value)) out.push([name, String(value)]);
    else if (typeof value === 'string') out.push([name, value]);
    else throw new SeedError(index, `records[${index}].${name} must be a string or a number, as API parameters are`);
  }
  return out;
}

/**
 * Creates every record through the same dispatch as `action=create` on the API, so the
 * validation is exactly the API's, inside one transaction: the first refusal undoes the lot.
 */
export function seedRecords(target: SeedTarget, doc: unknown, user: string, baseUrl: string): number[] {
  const records = arrayOf(objectOf(doc, 'the seed document', ['records']).records, 'records');
  return target.db.transaction(() =>
    records.map((value, index) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedError(index, `records[${index}] must be a JSON object`);
      const record = value as Record<string, unknown>;
      const endpoint = typeof record.type === 'string' ? target.endpoints.get(record.type) : undefined;
      if (!endpoint) {
        throw new SeedError(index, `records[${index}].type must be one of: ${[...target.endpoints.keys()].join(', ')}`);
      }
      // The answer is never sent: the seed keeps its document to read the new ID from.
      let answer: XmlDocumentSpec | undefined;
      const render = (doc: XmlDocumentSpec) => {
        answer = doc;
        return '';
      };
      const call = { method: 'POST', params: new RequestParams(paramsOf(record, index)), user, baseUrl, path: endpoint.path, datetime: qualysDateTime(), secure: false, render } as const;
      try {
        dispatch(endpoint, call);
        return firstId(answer!.root)!;
      } catch (err) {
        if (err instanceof QualysError) throw new SeedError(index, `records[${index}]: ${err.text}`, err.code, err.text);
        throw err;
      }
    }),
  )();
}

/** Reads a seed document for `--seed FILE`; a file that is not JSON is an error naming it. */
export function readSeedFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the file: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
}
