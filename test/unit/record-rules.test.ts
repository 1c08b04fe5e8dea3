import { describe, expect, it } from 'vitest';
import { settleFields } from '../../src/auth-records/record-rules.js';
import { QualysError } from '../../src/qualys/errors.js';
import type { RecordType } from '../../src/auth-records/record-type.js';

// A type shaped like Oracle's (sid or servicename, one at a time; a vault login), to hold the
// rules to their meaning whatever types are declared today.
const type: RecordType = {
  name: 'sample',
  path: '/api/2.0/fo/auth/sample/',
  source: 'https://docs.qualys.com/',
  fields: [],
  rules: [
    { rule: 'exclusive', params: ['sid', 'servicename'] },
    { rule: 'requireOne', params: ['sid', 'servicename'] },
    { rule: 'requireOne', params: ['password'], unless: [{ param: 'login_type', is: ['vault'] }] },
    { rule: 'onlyWhen', params: ['vault_id'], when: { param: 'login_type', is: ['vault'] } },
    { rule: 'requiredWhen', params: ['vault_id'], when: { param: 'login_type', is: ['vault'] } },
    { rule: 'together', params: ['auth_alg', 'auth_password'] },
    // biome-ignore lint/suspicious/noThenProperty: a rule's consequence, data that is never awaited
    { rule: 'requiredValue', when: { param: 'credential_type', is: ['external'] }, then: { param: 'cleartext', is: ['1'] } },
  ],
  list: { root: 'R', listElement: 'L', recordElement: 'E', dtdPath: '/x.dtd' },
};

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof QualysError ? `${err.code} ${err.text}` : String(err);
  }
  return 'accepted';
};

describe('record rules', () => {
  it('needs one of several parameters, naming them all', () => {
    expect(refusal(() => settleFields(type, { password: 'p' }, new Set(['password'])))).toBe('1903 Missing required parameter(s): sid or servicename');
    expect(settleFields(type, { servicename: 's', password: 'p' }, new Set(['servicename', 'password']))).toEqual({ servicename: 's', password: 'p' });
  });

  it('lets one exclusive parameter replace the other on update', () => {
    expect(settleFields(type, { sid: 'a', servicename: 'b', password: 'p' }, new Set(['servicename']))).toEqual({ servicename: 'b', password: 'p' });
  });

  it('waives a requirement while its condition holds, and requires the condition’s own parameters', () => {
    expect(refusal(() => settleFields(type, { sid: 'a', login_type: 'vault' }, new Set(['sid', 'login_type'])))).toBe(
      '1903 Missing required parameter(s): vault_id',
    );
    expect(settleFields(type, { sid: 'a', login_type: 'vault', vault_id: '1' }, new Set(['login_type']))).toEqual({
      sid: 'a',
      login_type: 'vault',
      vault_id: '1',
    });
  });

  it('takes parameters that go together all or none', () => {
    const base = { sid: 'a', password: 'p' };
    expect(refusal(() => settleFields(type, { ...base, auth_alg: 'MD5' }, new Set(['auth_alg'])))).toBe('1903 Missing required parameter(s): auth_password');
    expect(settleFields(type, { ...base, auth_alg: 'MD5', auth_password: 'x' }, new Set())).toEqual({ ...base, auth_alg: 'MD5', auth_password: 'x' });
  });

  it('needs the value another value requires', () => {
    const base = { sid: 'a', password: 'p', credential_type: 'external' };
    expect(refusal(() => settleFields(type, base, new Set()))).toBe('1903 Missing required parameter(s): cleartext');
    expect(refusal(() => settleFields(type, { ...base, cleartext: '0' }, new Set()))).toBe(
      '1905 parameter cleartext has invalid value: 0 (must be 1 with credential_type=external)',
    );
    expect(settleFields(type, { ...base, cleartext: '1' }, new Set())).toEqual({ ...base, cleartext: '1' });
  });

  it('refuses a parameter given without its condition, and drops a stored one when the condition goes', () => {
    expect(refusal(() => settleFields(type, { sid: 'a', password: 'p', vault_id: '1' }, new Set(['vault_id'])))).toBe(
      '1905 parameter vault_id has invalid value: 1 (only valid with login_type=vault)',
    );
    expect(settleFields(type, { sid: 'a', password: 'p', login_type: 'basic', vault_id: '1' }, new Set(['login_type', 'password']))).toEqual({
      sid: 'a',
      password: 'p',
      login_type: 'basic',
    });
  });
});
