import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../src/auth-records/types/index.js';
import { all, call, expectError, startTestEmulator, text } from '../helpers/emulator.js';
import { complete } from '../helpers/record-forms.js';

// [Q] Oracle's and MongoDB's own list filters, end to end: templates or records, active or not,
// and the records a template made (docs/fidelity.md §14.1).
const emulator = await startTestEmulator();

describe.each(['oracle', 'mongodb'].map((name, i) => [name, RECORD_TYPES.find((t) => t.name === name)!, i] as const))('%s list filters', (name, type, i) => {
  const create = async (form: Record<string, string>) => {
    const res = await call(emulator, type.path, { form: complete(type, { action: 'create', ...form }) });
    expect(res.status, res.body).toBe(200);
    return text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
  };
  const ids = async (query: Record<string, string>) => {
    const res = await call(emulator, type.path, { query: { action: 'list', ...query } });
    expect(res.status, res.body).toBe(200);
    return all(res.root, `RESPONSE/${type.list.listElement}`, type.list.recordElement).map((r) => text(r, 'ID'));
  };

  it('finds templates, records that never said, active and inactive ones', async () => {
    const template = await create({ title: `${name}-template`, ips: `10.20${i}.0.1`, is_template: '1' });
    const plain = await create({ title: `${name}-plain`, ips: `10.20${i}.0.2` });
    const inactive = await create({ title: `${name}-inactive`, ips: `10.20${i}.0.3` });
    expect((await call(emulator, type.path, { form: { action: 'update', ids: inactive, status: '0' } })).status).toBe(200);

    expect(await ids({ is_template: '1' })).toEqual([template]);
    expect(await ids({ is_template: '0' })).toEqual([plain, inactive]);
    expect(await ids({ status: '1' })).toEqual([template, plain]);
    expect(await ids({ status: '0', is_template: '0' })).toEqual([inactive]);
  });

  it('takes the template filters, which match no record as the emulator makes no system-created ones', async () => {
    expect(await ids({ template_auth_id: '1' })).toEqual([]);
    expect(await ids({ template_auth_name: `${name}-template` })).toEqual([]);
    expectError(
      await call(emulator, type.path, { query: { action: 'list', template_auth_id: 'abc' } }),
      400,
      '1905',
      /^parameter template_auth_id has invalid value: abc/,
    );
    expectError(await call(emulator, type.path, { query: { action: 'list', is_template: '2' } }), 400, '1905', /^parameter is_template has invalid value: 2/);
  });
});
