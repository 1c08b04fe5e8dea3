import { readFileSync } from 'node:fs';
import { QualysError } from '../qualys/errors.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import { RequestParams } from '../qualys/params.js';
import type { RecordCreator } from '../auth-records/actions.js';
import type { RecordType } from '../auth-records/record-type.js';
import { JsonError } from '../http/json-errors.js';
import { arrayOf, objectOf } from './json-input.js';

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
export class SeedError extends JsonError {
  constructor(
    readonly index: number | undefined,
    message: string,
    readonly code?: string,
    readonly text?: string,
  ) {
    super(400, message, { details: { index, code, text } });
  }
}

export interface SeedTarget {
  /** Record type name to its type. */
  types: ReadonlyMap<string, RecordType>;
  create: RecordCreator;
  /** Runs the whole seed as one transaction. */
  atomically<T>(fn: () => T): T;
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
 * Creates every record as `action=create` on the API would, with exactly its validation, inside
 * one transaction: the first refusal undoes the lot.
 */
export function seedRecords(target: SeedTarget, doc: unknown, user: string): number[] {
  const records = arrayOf(objectOf(doc, 'the seed document', ['records']).records, 'records');
  return target.atomically(() =>
    records.map((value, index) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedError(index, `records[${index}] must be a JSON object`);
      const record = value as Record<string, unknown>;
      const type = typeof record.type === 'string' ? target.types.get(record.type) : undefined;
      if (!type) {
        throw new SeedError(index, `records[${index}].type must be one of: ${[...target.types.keys()].join(', ')}`);
      }
      try {
        return target.create(type, new RequestParams(paramsOf(record, index)), user, qualysDateTime());
      } catch (err) {
        if (err instanceof QualysError) throw new SeedError(index, `records[${index}]: ${err.text}`, err.code, err.text);
        throw err;
      }
    }),
  );
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
