import { qualysErrors } from '../qualys/errors.js';
import type { XmlNode } from '../qualys/xml-reader.js';
import type { PrivateKey, PrivateKeyCertificate, RootTool, Secret, UnixAuthParams, VaultRef } from './unix-credentials.js';

/**
 * Reads a UNIX_AUTH_PARAMS document (docs/fidelity.md §11.1) with the element names and order of
 * Qualys's samples (QualysAPI/Qualys-API-Doc-Center, Unix Authentication API samples). Anything
 * else is refused (400, 1905), naming the element, never a secret's text.
 */

/** [Q] the root delegation tools a STANDARD_TYPE names, and [E] how the list names each (the sample lists PowerBroker). */
export const ROOT_TOOL_NAMES: Readonly<Record<string, string>> = { sudo: 'Sudo', su: 'Su', pbrun: 'PowerBroker', dzdo: 'Dzdo', pimsu: 'Pimsu' };
/** [Q] the key types of the samples. */
export const KEY_TYPES = ['rsa', 'dsa', 'ecdsa', 'ed25519'] as const;
/** [Q] openssh in the update samples, x.509 in the list sample. */
export const CERTIFICATE_TYPES = ['openssh', 'x.509'] as const;
/** [Q] a vault's own settings in the samples' DIGITAL_VAULT (Thycotic, CyberArk AIM, Quest Vault). */
export const VAULT_SETTING_ELEMENTS = ['VAULT_USERNAME', 'SECRET_NAME', 'FOLDER', 'FILE', 'SYSTEM_NAME'] as const;

/** [E] bounds: Qualys's password limit for passwords and passphrases, room for any key or certificate, entries per list. */
const SECRET_MAX = 100;
const KEY_MAX = 16384;
const SETTING_MAX = 255;
const ENTRIES_MAX = 100;

const refuse = (reason: string) => qualysErrors.badBody(reason);

type Count = '?' | '1' | '*';

/**
 * The children of a container, held to `spec`: only these names, in this order, each as often as
 * its count says; no text of its own and no attributes but `attrs`.
 */
function childrenOf(node: XmlNode, spec: readonly (readonly [string, Count])[], attrs: readonly string[] = []): Map<string, XmlNode[]> {
  for (const name of node.attrs.keys()) if (!attrs.includes(name)) throw refuse(`${node.name} takes no attribute ${name}`);
  if (node.text.trim() !== '') throw refuse(`${node.name} holds text besides its elements`);
  const found = new Map<string, XmlNode[]>(spec.map(([name]) => [name, []]));
  let at = 0;
  for (const child of node.children) {
    const index = spec.findIndex(([name]) => name === child.name);
    if (index < 0) throw refuse(`${node.name} has no element ${child.name} (it takes ${spec.map(([n]) => n).join(', ')})`);
    if (index < at) throw refuse(`${child.name} comes before ${spec[at][0]} in ${node.name}`);
    at = index;
    const list = found.get(child.name)!;
    if (list.length > 0 && spec[index][1] !== '*') throw refuse(`${node.name} takes one ${child.name}`);
    list.push(child);
  }
  for (const [name, count] of spec) if (count === '1' && found.get(name)!.length === 0) throw refuse(`${node.name} needs ${name}`);
  return found;
}

/** A leaf's text, trimmed, at most `max` characters; no refusal quotes it. */
function leafText(node: XmlNode, max: number): string {
  for (const name of node.attrs.keys()) if (name !== 'type') throw refuse(`${node.name} takes no attribute ${name}`);
  if (node.children.length > 0) throw refuse(`${node.name} holds no elements (${node.children[0].name} given)`);
  const text = node.text.trim();
  if ([...text].length > max) throw refuse(`${node.name} is longer than ${max} characters`);
  return text;
}

/** The `type` attribute, one of `allowed` (matched without case, kept as declared). */
function typeOf<T extends string>(node: XmlNode, allowed: readonly T[]): T {
  const given = node.attrs.get('type');
  if (given === undefined) throw refuse(`${node.name} needs a type attribute`);
  const found = allowed.find((a) => a.toLowerCase() === given.toLowerCase());
  if (found === undefined) throw qualysErrors.invalidValue(`${node.name} type`, given, `must be one of: ${allowed.join(', ')}`);
  return found;
}

const one = (found: Map<string, XmlNode[]>, name: string) => found.get(name)![0];

/** [Q] DIGITAL_VAULT: VAULT_USERNAME?, VAULT_TYPE, VAULT_ID, then the vault type's own settings. */
function vaultOf(node: XmlNode): VaultRef {
  const found = childrenOf(node, [
    ['VAULT_USERNAME', '?'],
    ['VAULT_TYPE', '1'],
    ['VAULT_ID', '1'],
    ...VAULT_SETTING_ELEMENTS.slice(1).map((n) => [n, '?'] as const),
  ]);
  const id = leafText(one(found, 'VAULT_ID'), 16);
  if (!/^[1-9][0-9]{0,9}$/.test(id)) throw qualysErrors.invalidValue('VAULT_ID', id, 'not a vault ID');
  const settings: Record<string, string> = {};
  for (const name of VAULT_SETTING_ELEMENTS) {
    const setting = found.get(name)![0];
    if (setting !== undefined) settings[name] = leafText(setting, SETTING_MAX);
  }
  return { vault_id: Number(id), vault_type: leafText(one(found, 'VAULT_TYPE'), SETTING_MAX), settings };
}

/** `<X_INFO type="basic"><X>value</X></X_INFO>` or `type="vault"` with its DIGITAL_VAULT. */
function secretOf(node: XmlNode, valueElement: string): Secret {
  const type = typeOf(node, ['basic', 'vault']);
  if (type === 'vault') return { type, vault: vaultOf(one(childrenOf(node, [['DIGITAL_VAULT', '1']], ['type']), 'DIGITAL_VAULT')) };
  const value = childrenOf(node, [[valueElement, '?']], ['type']).get(valueElement)![0];
  return value === undefined ? { type } : { type, value: leafText(value, SECRET_MAX) };
}

/** An entry's ID: none on create (the record has no entries yet); on update, the entry it edits. */
function entryId(node: XmlNode | undefined, action: 'create' | 'update'): number {
  if (node === undefined) return 0;
  const id = leafText(node, 16);
  if (!/^[1-9][0-9]{0,9}$/.test(id)) throw qualysErrors.invalidValue('ID', id, 'not an ID');
  if (action === 'create') throw qualysErrors.invalidValue('ID', id, 'a record being created has no entries to edit');
  return Number(id);
}

/** [Q] ROOT_TOOL: ID?, STANDARD_TYPE (type), PASSWORD_INFO; [E] a tool without PASSWORD_INFO has no password. */
function rootToolOf(node: XmlNode, action: 'create' | 'update'): RootTool {
  const found = childrenOf(node, [
    ['ID', '?'],
    ['STANDARD_TYPE', '1'],
    ['PASSWORD_INFO', '?'],
  ]);
  const standard = one(found, 'STANDARD_TYPE');
  if (leafText(standard, SETTING_MAX) !== '') throw refuse('STANDARD_TYPE holds no text: its type attribute names the tool');
  const info = one(found, 'PASSWORD_INFO');
  return {
    id: entryId(one(found, 'ID'), action),
    tool: typeOf(standard, Object.keys(ROOT_TOOL_NAMES)),
    password: info === undefined ? { type: 'basic' } : secretOf(info, 'PASSWORD'),
  };
}

/** [Q] PRIVATE_KEY_INFO: PRIVATE_KEY (type) with the key, or DIGITAL_VAULT. */
function privateKeyOf(node: XmlNode): PrivateKey {
  const type = typeOf(node, ['basic', 'vault']);
  if (type === 'vault') return { type, vault: vaultOf(one(childrenOf(node, [['DIGITAL_VAULT', '1']], ['type']), 'DIGITAL_VAULT')) };
  const key = one(childrenOf(node, [['PRIVATE_KEY', '1']], ['type']), 'PRIVATE_KEY');
  const value = leafText(key, KEY_MAX);
  return { type, keyType: typeOf(key, KEY_TYPES), ...(value !== '' && { value }) };
}

/** [Q] PRIVATE_KEY_CERTIFICATE: ID?, PRIVATE_KEY_INFO, PASSPHRASE_INFO?, CERTIFICATE? (type openssh). */
function certificateOf(node: XmlNode, action: 'create' | 'update'): PrivateKeyCertificate {
  const found = childrenOf(node, [
    ['ID', '?'],
    ['PRIVATE_KEY_INFO', '1'],
    ['PASSPHRASE_INFO', '?'],
    ['CERTIFICATE', '?'],
  ]);
  const passphrase = one(found, 'PASSPHRASE_INFO');
  const certificate = one(found, 'CERTIFICATE');
  return {
    id: entryId(one(found, 'ID'), action),
    key: privateKeyOf(one(found, 'PRIVATE_KEY_INFO')),
    ...(passphrase && { passphrase: secretOf(passphrase, 'PASSPHRASE') }),
    ...(certificate && { certificate: { type: typeOf(certificate, CERTIFICATE_TYPES), value: leafText(certificate, KEY_MAX) } }),
  };
}

/** A list container's entries, at most ENTRIES_MAX of them. */
function entriesOf<T>(node: XmlNode, entry: string, read: (n: XmlNode) => T): T[] {
  const entries = childrenOf(node, [[entry, '*']]).get(entry)!;
  if (entries.length > ENTRIES_MAX) throw refuse(`${node.name} holds more than ${ENTRIES_MAX} ${entry} elements`);
  return entries.map(read);
}

/**
 * [Q] UNIX_AUTH_PARAMS: ROOT_TOOLS?, PRIVATE_KEY_CERTIFICATES?. A list given replaces the record's
 * (an empty one removes them all); one left out leaves it.
 */
export function readUnixAuthParams(doc: XmlNode, action: 'create' | 'update'): UnixAuthParams {
  const found = childrenOf(doc, [
    ['ROOT_TOOLS', '?'],
    ['PRIVATE_KEY_CERTIFICATES', '?'],
  ]);
  const tools = one(found, 'ROOT_TOOLS');
  const keys = one(found, 'PRIVATE_KEY_CERTIFICATES');
  return {
    ...(tools && { rootTools: entriesOf(tools, 'ROOT_TOOL', (n) => rootToolOf(n, action)) }),
    ...(keys && { privateKeys: entriesOf(keys, 'PRIVATE_KEY_CERTIFICATE', (n) => certificateOf(n, action)) }),
  };
}
