import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../src/families.js';
import { DTD_DIR } from '../../src/http/dtd-routes.js';

// The DTDs in dtd/ that are written from declarations, family by family. After changing a
// declaration, refresh them with `npx vitest run test/unit/dtds.test.ts -u` and commit the files.
const written = FAMILIES.families.flatMap((family) => family.dtds.flatMap((dtd) => (dtd.write ? [[family.name, dtd.url, dtd] as const] : [])));

describe('DTDs written from declarations', () => {
  it('include the list DTD of every record type, the generic list and the vault outputs', () => {
    expect(written.length).toBeGreaterThan(30);
  });

  it.each(written)('dtd/ holds the %s DTD %s as its declaration writes it', async (_, _url, dtd) => {
    await expect(dtd.write!()).toMatchFileSnapshot(join(DTD_DIR, dtd.file));
  });
});
