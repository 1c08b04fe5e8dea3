import type { FamilySeed } from '../api-family.js';
import { RequestParams } from '../qualys/params.js';
import type { RecordCreator } from './record-endpoint.js';
import type { VaultDirectory } from './record-service.js';
import type { RecordType } from './record-type.js';

/**
 * A record of a seed document: its type name and the create action's parameters; an undefined
 * value is left out, as in JSON. [E] `vault` names a vault by title (seeded or existing) and
 * stands for its `vault_id`.
 */
export interface SeedRecord {
  type: string;
  vault?: string;
  [param: string]: string | number | undefined;
}

/** The seed document's `records`, every document's one required section; their IDs are answered as `ids`. */
export function recordSeed(types: readonly RecordType[], create: RecordCreator, vaults: Pick<VaultDirectory, 'idByTitle'>): FamilySeed {
  const byName = new Map(types.map((t) => [t.name, t]));
  return {
    field: 'records',
    answer: 'ids',
    required: true,
    create(entry, user, now) {
      const { type: name, vault } = entry.fields;
      const type = typeof name === 'string' ? byName.get(name) : undefined;
      if (!type) return entry.refuse(`${entry.where}.type must be one of: ${[...byName.keys()].join(', ')}`);
      const params = entry.params(['type', 'vault']);
      if (vault !== undefined) {
        const id = typeof vault === 'string' ? vaults.idByTitle(vault) : undefined;
        if (id === undefined) return entry.refuse(`${entry.where}.vault must be the title of a vault, got ${JSON.stringify(vault)}`);
        params.push(['vault_id', String(id)]);
      }
      return create(type, new RequestParams(params), user, now);
    },
  };
}
