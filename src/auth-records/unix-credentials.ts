import { qualysErrors } from '../qualys/errors.js';
import type { BodyContext, Fields } from './record-type.js';

/**
 * A Unix record's root delegation tools and private-key certificates (docs/fidelity.md §11.1):
 * entries with IDs of their own, each secret given by value (`basic`) or taken from a vault. They
 * are stored as JSON in the record's fields, under keys no parameter has; a vault is named by
 * `vault_id`, which is how a vault in use is found (src/vaults/vault-store.ts).
 */

/** A vault a secret comes from, as the record names it: its ID and type, and the settings its type takes. */
export interface VaultRef {
  vault_id: number;
  /** As given, until the write names the vault's own type (Qualys's spelling) and title. */
  vault_type: string;
  title?: string;
  /** The vault settings given, by input element (VAULT_USERNAME, FOLDER, ...). */
  settings: Readonly<Record<string, string>>;
}

/** A secret: its value (absent when not given), or a vault. */
export type Secret = { type: 'basic'; value?: string } | { type: 'vault'; vault: VaultRef };

export interface RootTool {
  /** 0 until the write gives a new entry its ID. */
  id: number;
  /** The STANDARD_TYPE `type`, e.g. `sudo`. */
  tool: string;
  password: Secret;
}

export type PrivateKey = { type: 'basic'; keyType: string; value?: string } | { type: 'vault'; vault: VaultRef };

export interface PrivateKeyCertificate {
  id: number;
  key: PrivateKey;
  passphrase?: Secret;
  certificate?: { type: string; value: string };
}

/** A UNIX_AUTH_PARAMS document: a list given replaces the record's list; one not given leaves it. */
export interface UnixAuthParams {
  rootTools?: RootTool[];
  privateKeys?: PrivateKeyCertificate[];
}

export const ROOT_TOOLS_FIELD = 'root_tools';
export const PRIVATE_KEYS_FIELD = 'private_key_certificates';

export const rootToolsOf = (fields: Readonly<Fields>): RootTool[] => JSON.parse(fields[ROOT_TOOLS_FIELD] ?? '[]') as RootTool[];
export const privateKeysOf = (fields: Readonly<Fields>): PrivateKeyCertificate[] => JSON.parse(fields[PRIVATE_KEYS_FIELD] ?? '[]') as PrivateKeyCertificate[];

/** `fields` with a list stored under `key`, or none when it is empty (so a rule can ask whether there is one). */
function withList(fields: Fields, key: string, list: readonly unknown[]): Fields {
  const out = { ...fields };
  if (list.length > 0) out[key] = JSON.stringify(list);
  else delete out[key];
  return out;
}

/** [E] A secret left out of an edited entry (basic, no value) keeps the one stored, when that was basic too. */
function keptSecret<T extends { type: string; value?: string }>(old: T | { type: string } | undefined, next: T): T {
  if (next.type !== 'basic' || next.value !== undefined || old?.type !== 'basic') return next;
  const value = (old as { value?: string }).value;
  return value === undefined ? next : { ...next, value };
}

/**
 * A list as an update gives it (docs/fidelity.md §11.1): an entry with an ID edits the stored entry
 * of that ID, one without is added, a stored entry not named is removed. An ID the record does not
 * hold, or one given twice, is a 1905.
 */
function edited<T extends { id: number }>(
  stored: readonly T[],
  given: readonly T[],
  what: string,
  recordId: number | undefined,
  keep: (old: T, next: T) => T,
): T[] {
  const named = new Set<number>();
  return given.map((entry) => {
    if (entry.id === 0) return entry;
    if (named.has(entry.id)) throw qualysErrors.invalidValue('ID', String(entry.id), `names one ${what} twice`);
    named.add(entry.id);
    const old = stored.find((s) => s.id === entry.id);
    if (old === undefined) throw qualysErrors.invalidValue('ID', String(entry.id), `no ${what} with this ID in record ${recordId ?? 'being created'}`);
    return keep(old, entry);
  });
}

/** The fields `stored` becomes with a document's lists: new entries keep ID 0 until the write. */
export function applyUnixAuthParams(stored: Readonly<Fields>, params: UnixAuthParams, recordId?: number): Fields {
  let out: Fields = { ...stored };
  if (params.rootTools !== undefined) {
    const tools = edited(rootToolsOf(stored), params.rootTools, 'root tool', recordId, (old, next) => ({
      ...next,
      password: keptSecret(old.password, next.password),
    }));
    out = withList(out, ROOT_TOOLS_FIELD, tools);
  }
  if (params.privateKeys !== undefined) {
    const keys = edited(privateKeysOf(stored), params.privateKeys, 'private key certificate', recordId, (old, next) => ({
      ...next,
      key: keptSecret(old.key, next.key),
      ...(next.passphrase && { passphrase: keptSecret(old.passphrase, next.passphrase) }),
      ...(next.certificate && { certificate: next.certificate.value === '' && old.certificate ? old.certificate : next.certificate }),
    }));
    // [Q] a private key is what the record logs in with: a new one must carry it (or name a vault)
    for (const k of keys)
      if (k.key.type === 'basic' && (k.key.value ?? '') === '')
        throw qualysErrors.badBody('PRIVATE_KEY is empty: a private key certificate needs its key, or a vault');
    out = withList(out, PRIVATE_KEYS_FIELD, keys);
  }
  return out;
}

/**
 * Inside the write's transaction: new entries get IDs, and every vault named must exist and be of
 * the type given (1905); it is then named by its own type and title, as the list shows it.
 */
export function completeUnixAuthParams(fields: Readonly<Fields>, ctx: BodyContext): Fields {
  const resolve = (v: VaultRef): VaultRef => {
    const vault = ctx.vault(v.vault_id);
    if (vault === undefined) throw qualysErrors.noSuchVault('VAULT_ID', String(v.vault_id));
    if (!ctx.vaultTypeMatches(v.vault_id, v.vault_type)) throw qualysErrors.invalidValue('VAULT_TYPE', v.vault_type, `vault ${v.vault_id} is not of this type`);
    return { ...v, vault_type: vault.vaultType, title: vault.title };
  };
  const secret = <S extends { type: string }>(s: S): S => ('vault' in s ? { ...s, vault: resolve(s.vault as VaultRef) } : s);
  const id = (n: number) => (n === 0 ? ctx.nextEntryId() : n);
  let out: Fields = { ...fields };
  if (out[ROOT_TOOLS_FIELD] !== undefined) {
    out = withList(
      out,
      ROOT_TOOLS_FIELD,
      rootToolsOf(out).map((t) => ({ ...t, id: id(t.id), password: secret(t.password) })),
    );
  }
  if (out[PRIVATE_KEYS_FIELD] !== undefined) {
    const keys = privateKeysOf(out).map((k) => ({ ...k, id: id(k.id), key: secret(k.key), ...(k.passphrase && { passphrase: secret(k.passphrase) }) }));
    out = withList(out, PRIVATE_KEYS_FIELD, keys);
  }
  return out;
}
