import { requestElement, type RequestEcho } from '../qualys/envelopes.js';
import { dtdText, REQUEST_DTD, sequence } from '../qualys/dtd-text.js';
import { cdataLeaf, el, elOf, leaf, type XmlDocumentSpec } from '../qualys/xml.js';
import { fieldElements } from '../auth-records/list-output.js';
import { listedFields } from '../auth-records/record-type.js';
import { VAULT_SETTINGS } from './vault-type.js';
import type { Vault } from './vault-store.js';

export const VAULT_LIST_DTD = '/api/2.0/fo/vault/vault_output.dtd';
export const VAULT_VIEW_DTD = '/api/2.0/fo/vault/vault_view_output.dtd';

const listedSettings = listedFields(VAULT_SETTINGS);

/**
 * [Q] the list (release notes 8.3): AUTH_VAULT_LIST_OUTPUT/RESPONSE with STATUS, COUNT and
 * AUTH_VAULTS/AUTH_VAULT (TITLE, VAULT_TYPE, ...); [E] then LAST_MODIFIED and ID.
 */
export function vaultListOutput(page: { echo?: RequestEcho; datetime: string; vaults: readonly Vault[] }): XmlDocumentSpec {
  const { vaults } = page;
  return {
    dtdPath: VAULT_LIST_DTD,
    root: el(
      'AUTH_VAULT_LIST_OUTPUT',
      requestElement(page.echo),
      el(
        'RESPONSE',
        leaf('DATETIME', page.datetime),
        leaf('STATUS', 'Success'),
        leaf('COUNT', String(vaults.length)),
        vaults.length > 0 &&
          elOf(
            'AUTH_VAULTS',
            vaults.map((v) =>
              el(
                'AUTH_VAULT',
                cdataLeaf('TITLE', v.title),
                cdataLeaf('VAULT_TYPE', v.vaultType),
                leaf('LAST_MODIFIED', v.modifiedAt),
                leaf('ID', String(v.id)),
              ),
            ),
          ),
      ),
    ),
  };
}

/** [E] one vault with its settings, secrets left out. */
export function vaultViewOutput(page: { echo?: RequestEcho; datetime: string; vault: Vault }): XmlDocumentSpec {
  const v = page.vault;
  return {
    dtdPath: VAULT_VIEW_DTD,
    root: el(
      'AUTH_VAULT_VIEW_OUTPUT',
      requestElement(page.echo),
      el(
        'RESPONSE',
        leaf('DATETIME', page.datetime),
        el(
          'AUTH_VAULT_VIEW',
          leaf('ID', String(v.id)),
          cdataLeaf('TITLE', v.title),
          cdataLeaf('VAULT_TYPE', v.vaultType),
          v.comments !== undefined && cdataLeaf('COMMENTS', v.comments),
          ...fieldElements(VAULT_SETTINGS, v.settings),
          el('CREATED', leaf('DATETIME', v.createdAt), cdataLeaf('BY', v.createdBy)),
          el('LAST_MODIFIED', leaf('DATETIME', v.modifiedAt), v.modifiedBy !== undefined && cdataLeaf('BY', v.modifiedBy)),
        ),
      ),
    ),
  };
}

/** [E] the list DTD, as the release notes' sample shows the output; the file is dtd/fo/vault/vault_output.dtd. */
export function vaultListDtd(): string {
  return dtdText('AUTH_VAULT_LIST_OUTPUT: /api/2.0/fo/vault/?action=list (Qualys API v2). [E] from the release notes sample.', [
    '<!ELEMENT AUTH_VAULT_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, STATUS, COUNT, AUTH_VAULTS?)>',
    '<!ELEMENT STATUS (#PCDATA)>',
    '<!ELEMENT COUNT (#PCDATA)>',
    '<!ELEMENT AUTH_VAULTS (AUTH_VAULT+)>',
    '<!ELEMENT AUTH_VAULT (TITLE, VAULT_TYPE, LAST_MODIFIED, ID)>',
    '<!ELEMENT TITLE (#PCDATA)>',
    '<!ELEMENT VAULT_TYPE (#PCDATA)>',
    '<!ELEMENT LAST_MODIFIED (#PCDATA)>',
    '<!ELEMENT ID (#PCDATA)>',
  ]);
}

/** [E] the view DTD, written from the vault settings. */
export function vaultViewDtd(): string {
  return dtdText("AUTH_VAULT_VIEW_OUTPUT: /api/2.0/fo/vault/?action=view (Qualys API v2). [E] the emulator's own shape.", [
    '<!ELEMENT AUTH_VAULT_VIEW_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, AUTH_VAULT_VIEW)>',
    sequence('AUTH_VAULT_VIEW', ['ID', 'TITLE', 'VAULT_TYPE', 'COMMENTS?', ...listedSettings.map((s) => `${s.element}?`), 'CREATED', 'LAST_MODIFIED']),
    '<!ELEMENT ID (#PCDATA)>',
    '<!ELEMENT TITLE (#PCDATA)>',
    '<!ELEMENT VAULT_TYPE (#PCDATA)>',
    '<!ELEMENT COMMENTS (#PCDATA)>',
    ...listedSettings.map((s) => `<!ELEMENT ${s.element} (#PCDATA)>`),
    '<!ELEMENT CREATED (DATETIME, BY)>',
    '<!ELEMENT BY (#PCDATA)>',
    '<!ELEMENT LAST_MODIFIED (DATETIME, BY?)>',
  ]);
}
