import { readFileSync } from 'node:fs';
import type { FamilySeed, SeedEntry } from '../api-family.js';
import { QualysError } from '../qualys/errors.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import type { SecretParams } from '../qualys/secrets.js';
import { JsonError } from '../http/json-errors.js';
import { arrayOf, objectOf } from './json-input.js';

/** A refused seed document: the failing entry's index and, for API validation, its Qualys CODE and TEXT. */
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
  /** The families' sections, in the order they are created. */
  sections: readonly FamilySeed[];
  /** Runs the whole seed as one transaction. */
  atomically<T>(fn: () => T): T;
  /** Masked in the Qualys TEXT of a refusal. */
  secrets: SecretParams;
}

/** The entry at `index` of a section, as its family's `create` reads it. */
function entryOf(value: unknown, where: string, index: number): SeedEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedError(index, `${where} must be a JSON object`);
  const fields = value as Record<string, unknown>;
  return {
    where,
    fields,
    params(skip = []) {
      const out: [string, string][] = [['action', 'create']];
      for (const [name, v] of Object.entries(fields)) {
        if (skip.includes(name) || v === undefined) continue;
        if (name === 'action') throw new SeedError(index, `${where}: no action field; seed entries are always created`);
        if (typeof v === 'number' && Number.isFinite(v)) out.push([name, String(v)]);
        else if (typeof v === 'string') out.push([name, v]);
        else throw new SeedError(index, `${where}.${name} must be a string or a number, as API parameters are`);
      }
      return out;
    },
    refuse(message) {
      throw new SeedError(index, message);
    },
  };
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

/**
 * Creates every entry of every section, section by section in the families' order (vaults
 * before the records that name them), as `action=create` on the API would, with exactly its
 * validation, inside one transaction: the first refusal undoes the lot. Answers the IDs of each
 * section the document has.
 */
export function seedFamilies(target: SeedTarget, doc: unknown, user: string): Record<string, number[]> {
  const fields = objectOf(
    doc,
    'the seed document',
    target.sections.map((s) => s.field),
  );
  const present = target.sections.flatMap((section) =>
    fields[section.field] === undefined && !section.required ? [] : [{ section, values: arrayOf(fields[section.field], section.field) }],
  );
  return target.atomically(() =>
    Object.fromEntries(
      present.map(({ section, values }) => [
        section.answer,
        values.map((value, index) => {
          const where = `${section.field}[${index}]`;
          const entry = entryOf(value, where, index);
          return creating(target.secrets, where, index, () => section.create(entry, user, qualysDateTime()));
        }),
      ]),
    ),
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
