import { describe, expect, it } from 'vitest';
import { MASK, SecretParams } from '../../src/qualys/secrets.js';
import { qualysErrors } from '../../src/qualys/errors.js';
import { FAMILIES } from '../../src/families.js';
import { RECORD_TYPES } from '../../src/auth-records/types/index.js';
import { VAULT_SETTINGS } from '../../src/vaults/vault-type.js';

describe('SecretParams', () => {
  const secrets = new SecretParams(['password', 'private_key']);

  it('masks the values of the names it was given, and no others', () => {
    expect(secrets.mask('password', 'hunter2')).toBe(MASK);
    expect(secrets.mask('private_key', 'hunter2')).toBe(MASK);
    expect(secrets.mask('title', 'hunter2')).toBe('hunter2');
    // the API's names are case-sensitive: what it answers masks the name it knows
    expect(secrets.mask('Password', 'hunter2')).toBe('hunter2');
    expect(new SecretParams([]).mask('password', 'hunter2')).toBe('hunter2');
  });

  it('masks whatever the case of the name for what is kept (the journal)', () => {
    for (const name of ['password', 'PASSWORD', 'Password', 'Private_Key']) expect(secrets.maskAnyCase(name, 'hunter2')).toBe(MASK);
    expect(secrets.maskAnyCase('Title', 'hunter2')).toBe('hunter2');
  });

  it("masks a secret parameter's value in an error TEXT, keeping its CODE, status and reason", () => {
    const masked = secrets.maskError(qualysErrors.invalidValue('password', 'hunter2', 'longer than 100 characters'));
    expect([masked.status, masked.code, masked.text]).toEqual([400, '1905', `parameter password has invalid value: ${MASK} (longer than 100 characters)`]);
    const plain = qualysErrors.invalidValue('title', 'hunter2');
    expect(secrets.maskError(plain)).toBe(plain);
    const other = qualysErrors.missingParameters(['password']);
    expect(secrets.maskError(other)).toBe(other);
  });
});

describe("the families' secrets", () => {
  it('hold every field a record type or a vault declares secret, and the session login password', () => {
    const secrets = new SecretParams(FAMILIES.families.flatMap((f) => f.secrets));
    const fields = [...RECORD_TYPES.flatMap((t) => t.fields), ...VAULT_SETTINGS];
    const declared = fields.filter((f) => f.kind === 'secret').map((f) => f.param);
    expect(declared.length).toBeGreaterThan(5);
    for (const param of [...declared, 'password']) {
      expect(secrets.mask(param, 'hunter2'), param).toBe(MASK);
      for (const name of [param.toUpperCase(), param[0].toUpperCase() + param.slice(1)]) expect(secrets.maskAnyCase(name, 'hunter2')).toBe(MASK);
    }
    for (const f of fields.filter((f) => f.kind !== 'secret' && !declared.includes(f.param))) expect(secrets.mask(f.param, 'hunter2'), f.param).toBe('hunter2');
  });
});
