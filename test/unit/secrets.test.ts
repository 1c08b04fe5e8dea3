import { describe, expect, it } from 'vitest';
import { MASK, SecretParams } from '../../src/qualys/secrets.js';
import { qualysErrors } from '../../src/qualys/errors.js';

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
