import { readFileSync } from 'node:fs';
import { QualysError } from '../qualys/errors.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import { RequestParams } from '../qualys/params.js';
import type { SecretParams } from '../qualys/secrets.js';
import type { RecordCreator } from '../auth-records/record-endpoint.js';
import type { VaultCreator } from '../vaults/vault-endpoint.js';
import type { RecordType } from '../auth-records/record-type.js';
import { JsonError } from '../http/json-errors.js';
import { arrayOf, objectOf } from './json-input.js';

/**
 * `{"vaults": [{"title": "...", "type": "CyberArk AIM", ...]}, "records": [{"type": "docker",
 * "title": "...", "ips": "...", ...API parameters}]}`; vaults are created first, so records can
 * name them.
 */
export interface SeedDocument {
  vaults?: SeedVault[];
  records: SeedRecord[];
}

/**
 * A record type name and the create action's parameters; an undefined value is left out, as in
 * JSON. [E] `vault` names a vault by title (seeded or existing) and stands for its `vault_id`.
 */
export interface SeedRecord {
  type: string;
  vault?: string;
  [param: string]: string | number | undefined;
}

/** A vault create's parameters (`title`, `type`, settings). */
export interface SeedVault {
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
  vaults: { create: VaultCreator; idByTitle(title: string): number | undefined };
  /** Runs the whole seed as one transaction. */
  atomically<T>(fn: () => T): T;
  /** Masked in the Qualys TEXT of a refusal. */
  secrets: SecretParams;
}

/** The create parameters of one seed entry; `skip` names the fields that are not parameters. */
function paramsOf(entry: Record<string, unknown>, where: string, index: number, skip: readonly string[]): [string, string][] {
  const out: [string, string][] = [['action', 'create']];
  for (const [name, value] of Object.entries(entry)) {
    if (skip.includes(name) || value === undefined) continue;
    if (name === 'action') throw new SeedError(index, `${where}: no action field; seed entries are always created`);
    if (typeof value === 'number' && Number.isFinite(value)) out.push([name, String(value)]);
    else if (typeof value === 'string') out.push([name, value]);
    else throw new SeedError(index, `${where}.${name} must be a string or a number, as API parameters are`);
  }
  return out;
}

function entryOf(value: unknown, where: string, index: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedError(index, `${where} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** Runs one create; a Qualys refusal becomes a SeedError naming the entry. */
function creating(secrets: SecretParams, where: string, index: number, create: () => number): number {
  try {
    return create();
  } catch (err) {
    if (!(err instanceof QualysError)) throw err;
    const { code, text } = secrets.maskError(err);
    throw new SeedError(index, `${where}: ${text}`, code, text);
  }
}

/** A record's parameters, its `vault` title turned into the `vault_id` it stands for. */
function recordParams(target: SeedTarget, record: Record<string, unknown>, where: string, index: number): [string, string][] {
  const params = paramsOf(record, where, index, ['type', 'vault']);
  if (record.vault === undefined) return params;
  const id = typeof record.vault === 'string' ? target.vaults.idByTitle(record.vault) : undefined;
  if (id === undefined) throw new SeedError(index, `${where}.vault must be the title of a vault, got ${JSON.stringify(record.vault)}`);
  return [...params, ['vault_id', String(id)]];
}

/**
 * Creates every vault, then every record, as `action=create` on the API would, with exactly its
 * validation, inside one transaction: the first refusal undoes the lot. Answers the records'
 * IDs, and the vaults' when the document has `vaults`.
 */
export function seedRecords(target: SeedTarget, doc: unknown, user: string): { ids: number[]; vault_ids?: number[] } {
  const fields = objectOf(doc, 'the seed document', ['vaults', 'records']);
  const records = arrayOf(fields.records, 'records');
  const vaults = fields.vaults === undefined ? undefined : arrayOf(fields.vaults, 'vaults');
  return target.atomically(() => {
    const vaultIds = vaults?.map((value, index) => {
      const where = `vaults[${index}]`;
      const params = new RequestParams(paramsOf(entryOf(value, where, index), where, index, []));
      return creating(target.secrets, where, index, () => target.vaults.create(params, user, qualysDateTime()));
    });
    const ids = records.map((value, index) => {
      const where = `records[${index}]`;
      const record = entryOf(value, where, index);
      const type = typeof record.type === 'string' ? target.types.get(record.type) : undefined;
      if (!type) throw new SeedError(index, `${where}.type must be one of: ${[...target.types.keys()].join(', ')}`);
      const params = new RequestParams(recordParams(target, record, where, index));
      return creating(target.secrets, where, index, () => target.create(type, params, user, qualysDateTime()));
    });
    return vaultIds === undefined ? { ids } : { ids, vault_ids: vaultIds };
  });
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
