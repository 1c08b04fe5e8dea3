import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { RECORD_TYPES } from '../../src/auth-records/types/index.js';
import { dtdFileOf, listDtd } from '../../src/auth-records/list-dtd.js';
import { GENERIC_LIST_DTD, genericListDtd } from '../../src/auth-records/generic-list.js';
import { VAULT_LIST_DTD, VAULT_VIEW_DTD, vaultListDtd, vaultViewDtd } from '../../src/vaults/vault-output.js';

// The DTDs in dtd/ that are written from declarations. After changing a declaration, refresh
// them with `npx vitest run test/unit/dtds.test.ts -u` and commit the files.
const file = (urlPath: string) => join(PACKAGE_ROOT, 'dtd', dtdFileOf(urlPath));

describe('DTDs written from the record types', () => {
  it.each(RECORD_TYPES.map((t) => [t.name, t] as const))('dtd/ holds the list DTD of %s as its declaration writes it', async (_, type) => {
    await expect(listDtd(type)).toMatchFileSnapshot(file(type.list.dtdPath));
  });

  it('dtd/ holds the generic list DTD, every type in the generic order', async () => {
    await expect(genericListDtd(RECORD_TYPES)).toMatchFileSnapshot(file(GENERIC_LIST_DTD));
  });

  it('dtd/ holds the vault list and view DTDs', async () => {
    await expect(vaultListDtd()).toMatchFileSnapshot(file(VAULT_LIST_DTD));
    await expect(vaultViewDtd()).toMatchFileSnapshot(file(VAULT_VIEW_DTD));
  });
});
