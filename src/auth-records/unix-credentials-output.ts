import { cdataLeaf, el, elOf, leaf, type XmlElement } from '../qualys/xml.js';
import { ROOT_TOOL_NAMES } from './unix-auth-params.js';
import { privateKeysOf, rootToolsOf, type Secret, type VaultRef } from './unix-credentials.js';
import type { Fields } from './record-type.js';

/**
 * How a Unix record's root tools and private-key certificates list (docs/fidelity.md §11.1): the
 * shape of Qualys's list sample, each entry with its ID and the `type` of each secret, never the
 * secret itself.
 */

/**
 * [Q] a vault's settings list as VAULT_USERNAME, VAULT_FOLDER, VAULT_FILE (the list sample, for
 * VAULT_USERNAME, FOLDER and FILE given); [E] the others by the same rule, VAULT_ before the
 * element's name, in this order.
 */
const LISTED_SETTINGS: readonly [input: string, listed: string][] = [
  ['VAULT_USERNAME', 'VAULT_USERNAME'],
  ['FOLDER', 'VAULT_FOLDER'],
  ['FILE', 'VAULT_FILE'],
  ['SECRET_NAME', 'VAULT_SECRET_NAME'],
  ['SYSTEM_NAME', 'VAULT_SYSTEM_NAME'],
];

/** [Q] DIGITAL_VAULT: the vault's ID, type and title (CDATA, as the sample), then its settings. */
function digitalVault(v: VaultRef): XmlElement {
  return el(
    'DIGITAL_VAULT',
    cdataLeaf('DIGITAL_VAULT_ID', String(v.vault_id)),
    cdataLeaf('DIGITAL_VAULT_TYPE', v.vault_type),
    cdataLeaf('DIGITAL_VAULT_TITLE', v.title ?? ''),
    ...LISTED_SETTINGS.flatMap(([input, listed]) => (v.settings[input] === undefined ? [] : [cdataLeaf(listed, v.settings[input])])),
  );
}

/** `<NAME type="basic"/>`, or `type="vault"` with its DIGITAL_VAULT: never the value. */
function secretInfo(name: string, s: Secret | undefined): XmlElement {
  if (s?.type === 'vault') return { name, attrs: { type: 'vault' }, children: [digitalVault(s.vault)] };
  return { name, attrs: { type: 'basic' } };
}

/** [Q] ROOT_TOOL_INFO_LIST and PRIVATE_KEY_CERTIFICATE_LIST, each when the record has entries. */
export function unixCredentialsList(fields: Readonly<Fields>): XmlElement[] {
  const tools = rootToolsOf(fields);
  const keys = privateKeysOf(fields);
  const out: XmlElement[] = [];
  if (tools.length > 0) {
    out.push(
      elOf(
        'ROOT_TOOL_INFO_LIST',
        tools.map((t) => el('ROOT_TOOL_INFO', leaf('ID', String(t.id)), leaf('ROOT_TOOL', ROOT_TOOL_NAMES[t.tool]), secretInfo('PASSWORD_INFO', t.password))),
      ),
    );
  }
  if (keys.length > 0) {
    out.push(
      elOf(
        'PRIVATE_KEY_CERTIFICATE_LIST',
        keys.map((k) =>
          el(
            'PRIVATE_KEY_CERTIFICATE',
            leaf('ID', String(k.id)),
            k.key.type === 'vault'
              ? { name: 'PRIVATE_KEY_INFO', attrs: { type: 'vault' }, children: [digitalVault(k.key.vault)] }
              : { name: 'PRIVATE_KEY_INFO', attrs: { type: 'basic' }, children: [{ name: 'PRIVATE_KEY', attrs: { type: k.key.keyType } }] },
            // [Q] the sample lists PASSPHRASE_INFO on every certificate; [E] basic when none was given
            secretInfo('PASSPHRASE_INFO', k.passphrase),
            k.certificate && { name: 'CERTIFICATE', attrs: { type: k.certificate.type } },
          ),
        ),
      ),
    );
  }
  return out;
}

/** [E] The DTD of these elements, as the list writes them (the XML reference's text was not found). */
export const UNIX_CREDENTIALS_DTD = {
  parts: ['ROOT_TOOL_INFO_LIST?', 'PRIVATE_KEY_CERTIFICATE_LIST?'],
  declarations: [
    '<!ELEMENT ROOT_TOOL_INFO_LIST (ROOT_TOOL_INFO+)>',
    '<!ELEMENT ROOT_TOOL_INFO (ID, ROOT_TOOL, PASSWORD_INFO)>',
    '<!ELEMENT ID (#PCDATA)>',
    '<!ELEMENT ROOT_TOOL (#PCDATA)>',
    '<!ELEMENT PASSWORD_INFO (DIGITAL_VAULT?)>',
    '<!ATTLIST PASSWORD_INFO type (basic|vault) #REQUIRED>',
    '<!ELEMENT DIGITAL_VAULT (DIGITAL_VAULT_ID, DIGITAL_VAULT_TYPE, DIGITAL_VAULT_TITLE, VAULT_USERNAME?, VAULT_FOLDER?, VAULT_FILE?, VAULT_SECRET_NAME?, VAULT_SYSTEM_NAME?)>',
    ...['DIGITAL_VAULT_ID', 'DIGITAL_VAULT_TYPE', 'DIGITAL_VAULT_TITLE', ...LISTED_SETTINGS.map(([, listed]) => listed)].map(
      (n) => `<!ELEMENT ${n} (#PCDATA)>`,
    ),
    '<!ELEMENT PRIVATE_KEY_CERTIFICATE_LIST (PRIVATE_KEY_CERTIFICATE+)>',
    '<!ELEMENT PRIVATE_KEY_CERTIFICATE (ID, PRIVATE_KEY_INFO, PASSPHRASE_INFO, CERTIFICATE?)>',
    '<!ELEMENT PRIVATE_KEY_INFO (PRIVATE_KEY|DIGITAL_VAULT)>',
    '<!ATTLIST PRIVATE_KEY_INFO type (basic|vault) #REQUIRED>',
    '<!ELEMENT PRIVATE_KEY EMPTY>',
    '<!ATTLIST PRIVATE_KEY type (rsa|dsa|ecdsa|ed25519) #REQUIRED>',
    '<!ELEMENT PASSPHRASE_INFO (DIGITAL_VAULT?)>',
    '<!ATTLIST PASSPHRASE_INFO type (basic|vault) #REQUIRED>',
    '<!ELEMENT CERTIFICATE EMPTY>',
    '<!ATTLIST CERTIFICATE type (openssh|x.509) #REQUIRED>',
  ],
};
