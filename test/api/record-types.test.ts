import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../src/auth-records/types/index.js';
import type { RecordType } from '../../src/auth-records/record-type.js';
import { all, call, expectError, find, startTestEmulator, text, type Node, type XmlResponse } from '../helpers/emulator.js';
import { complete, createFields, createForms, holds, sampleValue, type Form } from '../helpers/record-forms.js';

// Every declared type, whoever declared it: create with every parameter, list back, update each
// field, delete, and every rule between fields refused with its CODE, changing nothing.
const emulator = await startTestEmulator();
// The vault every vault login of the suite names.
const vault = await call(emulator, '/api/2.0/fo/vault/', { form: { action: 'create', title: 'suite', type: 'CyberArk AIM' } });
const ctx = { vaultId: all(vault.root, 'RESPONSE/ITEM_LIST', 'ITEM').find((i) => text(i, 'KEY') === 'ID')!.children[1].text };

const idOf = (res: XmlResponse) => text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
const records = async (type: RecordType, query: Record<string, string> = {}): Promise<Node[]> => {
  const res = await call(emulator, type.path, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  return all(res.root, `RESPONSE/${type.list.listElement}`, type.list.recordElement);
};
const secretsOf = (type: RecordType, form: Form) => type.fields.filter((f) => f.kind === 'secret' && form[f.param]).map((f) => form[f.param]);

describe.each(RECORD_TYPES.map((t, i) => [t.name, t, i] as const))('%s records', (_, type, index) => {
  let serial = 0;
  const nextIps = () => `10.${100 + index}.${++serial}.1-10.${100 + index}.${serial}.9`;
  const create = (form: Form, title = `${type.name}-${serial}`) => call(emulator, type.path, { form: { action: 'create', title, ips: nextIps(), ...form } });
  const update = (id: string, form: Form) => call(emulator, type.path, { form: { action: 'update', ids: id, ...form } });
  const count = async () => (await records(type)).length;
  const base = () => complete(type, {}, ctx);

  it('creates records giving every declared parameter, lists each listed one back, never a secret', async () => {
    for (const form of createForms(type, ctx)) {
      const res = await create({ ...form, echo_request: '1' });
      expect(res.status, res.body).toBe(200);
      const [record] = await records(type, { ids: idOf(res) });
      for (const field of type.fields.filter((f) => form[f.param] !== undefined)) {
        if (field.element) expect(text(record, field.element), field.param).toBe(form[field.param]);
      }
      const listed = await call(emulator, type.path, { query: { action: 'list', ids: idOf(res), details: 'All' } });
      for (const secret of secretsOf(type, form)) {
        expect(res.body).not.toContain(secret);
        expect(listed.body).not.toContain(secret);
      }
    }
  });

  it('updates each field a record holds, and lists the new value', async () => {
    const conditions = new Set(
      (type.rules ?? []).flatMap((r) => ('when' in r ? [r.when.param] : r.rule === 'requireOne' ? (r.unless ?? []).map((w) => w.param) : [])),
    );
    for (const form of createForms(type, ctx)) {
      const id = idOf(await create(form));
      for (const field of type.fields.filter((f) => f.only !== 'create' && form[f.param] !== undefined && !conditions.has(f.param))) {
        const value = sampleValue(field, ctx, true);
        const res = await update(id, { [field.param]: value });
        expect(res.status, `${field.param}: ${res.body}`).toBe(200);
        if (field.element) expect(text((await records(type, { ids: id }))[0], field.element), field.param).toBe(value);
      }
      const comments = await update(id, { comments: 'changed' });
      expect(text(comments.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Updated');
    }
  });

  it('lists NETWORK_ID 0 for a record given no network, between IP_SET and CREATED, as the samples do', async () => {
    // [Q] Qualys's Unix and MS Exchange list samples: <NETWORK_ID>0</NETWORK_ID> for a record made without one.
    const [record] = await records(type, { ids: idOf(await create(base())) });
    const names = record.children.map((c) => c.name);
    if (type.networkId === false) {
      expect(names).not.toContain('NETWORK_ID');
      return;
    }
    expect(text(record, 'NETWORK_ID')).toBe('0');
    expect(names.indexOf('NETWORK_ID')).toBe(names.indexOf('CREATED') - 1);
    if (names.includes('IP_SET')) expect(names.indexOf('NETWORK_ID')).toBe(names.indexOf('IP_SET') + 1);
  });

  it('deletes records', async () => {
    const id = idOf(await create(base()));
    const res = await call(emulator, type.path, { form: { action: 'delete', ids: id } });
    expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Deleted');
    expect(await records(type, { ids: id })).toEqual([]);
  });

  it('refuses each create-only parameter on update and each update-only one on create (1901)', async () => {
    const id = idOf(await create(base()));
    for (const field of type.fields.filter((f) => f.only !== undefined)) {
      const before = await count();
      const res =
        field.only === 'create' ? await update(id, { [field.param]: sampleValue(field) }) : await create({ ...base(), [field.param]: sampleValue(field) });
      expectError(res, 400, '1901', new RegExp(`^Unrecognized parameter\\(s\\): ${field.param} `));
      expect(await count()).toBe(before);
    }
    if (type.networkId === false) expectError(await create({ ...base(), network_id: '0' }), 400, '1901', /^Unrecognized parameter\(s\): network_id /);
  });

  it('refuses every broken rule with its CODE, creating and changing nothing', async () => {
    const forms = createForms(type, ctx);
    const target = idOf(await create(base()));
    const [before] = await records(type, { ids: target });
    for (const rule of type.rules ?? []) {
      const count0 = await count();
      if (rule.rule === 'together') {
        const form = forms.find((f) => rule.params.every((p) => f[p] !== undefined));
        if (!form) continue;
        const [kept, ...dropped] = rule.params;
        const broken = { ...form };
        for (const p of dropped) delete broken[p];
        expectError(await create(broken), 400, '1903', `Missing required parameter(s): ${dropped.join(', ')}`);
        expect(kept in broken).toBe(true);
      } else if (rule.rule === 'requiredValue') {
        const form = forms.find((f) => holds(rule.when, f));
        if (!form) continue;
        const other = type.fields.find((f) => f.param === rule.then.param)?.values?.find((v) => !rule.then.is.includes(v));
        const broken = { ...form };
        delete broken[rule.then.param];
        expectError(await create(broken), 400, '1903', `Missing required parameter(s): ${rule.then.param}`);
        if (other !== undefined)
          expectError(await create({ ...form, [rule.then.param]: other }), 400, '1905', new RegExp(`^parameter ${rule.then.param} has invalid value: `));
      } else if (rule.rule === 'exclusive') {
        // A parameter that is not a field (`ips`) is in every create already.
        const fields = type.fields.filter((f) => rule.params.includes(f.param));
        const form = { ...base(), ...Object.fromEntries(fields.map((f) => [f.param, sampleValue(f, ctx)])) };
        // Whatever another group keeps apart from these stays out, so this group is the one refused.
        const apart = (p: string) =>
          (type.rules ?? []).some(
            (r) => r !== rule && r.rule === 'exclusive' && r.params.includes(p) && r.params.some((q) => q !== p && rule.params.includes(q)),
          );
        for (const p of Object.keys(form)) if (!rule.params.includes(p) && apart(p)) delete form[p];
        expectError(await create(form), 400, '1904', `Please specify only one of these parameters: ${rule.params.join(', ')}`);
      } else if (rule.rule === 'requireOne') {
        const form = { ...(forms.find((f) => !(rule.unless ?? []).some((w) => holds(w, f))) ?? base()) };
        for (const p of rule.params) delete form[p];
        expectError(await create(form), 400, '1903', `Missing required parameter(s): ${rule.params.join(' or ')}`);
      } else if (rule.rule === 'requiredWhen') {
        const form = forms.find((f) => holds(rule.when, f));
        if (!form) continue;
        const broken = { ...form };
        for (const p of rule.params) delete broken[p];
        expectError(await create(broken), 400, '1903', `Missing required parameter(s): ${rule.params.join(', ')}`);
      } else {
        const param = rule.params[0];
        const field = type.fields.find((f) => f.param === param)!;
        const whenField = type.fields.find((f) => f.param === rule.when.param);
        const other = (whenField?.kind === 'flag' ? ['0', '1'] : whenField?.values)?.find((v) => !rule.when.is.includes(v));
        const form: Form = { ...base(), [param]: sampleValue(field) };
        if (other === undefined) delete form[rule.when.param];
        else form[rule.when.param] = other;
        expectError(
          await create(complete(type, form, ctx)),
          400,
          '1905',
          new RegExp(`^parameter ${param} has invalid value: .* \\(only valid with ${rule.when.param}=`),
        );
        // The target breaks the rule only when it holds neither the condition nor its default.
        const held = base()[rule.when.param] ?? whenField?.default;
        if (held === undefined || !rule.when.is.includes(held)) {
          expectError(await update(target, { [param]: sampleValue(field) }), 400, '1905', new RegExp(`^parameter ${param} has invalid value`));
        }
      }
      expect(await count(), JSON.stringify(rule)).toBe(count0);
    }
    expect((await records(type, { ids: target }))[0]).toEqual(before);
  });

  it('asks for IPs as its declaration says: required, optional, or IPs or what stands for them', async () => {
    const withoutIps = (form: Form) => call(emulator, type.path, { form: { action: 'create', title: `${type.name}-noips-${++serial}`, ...form } });
    const standIns = typeof type.ips === 'object' ? type.ips.orOneOf : [];
    const form = base();
    for (const p of standIns) delete form[p];
    const before = await count();
    if (type.ips === undefined) {
      expectError(await withoutIps(form), 400, '1903', 'Missing required parameter(s): ips');
    } else if (type.ips === 'optional') {
      const res = await withoutIps(form);
      expect(res.status, res.body).toBe(200);
      const [record] = await records(type, { ids: idOf(res) });
      expect(find(record, 'IP_SET')).toBeUndefined();
      // Its IPs can be added, and removed again.
      expect(text((await update(idOf(res), { add_ips: nextIps() })).root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Updated');
      return;
    } else {
      expectError(await withoutIps(form), 400, '1903', `Missing required parameter(s): ${['ips', ...standIns].join(' or ')}`);
      expect(await count()).toBe(before);
      for (const p of standIns) {
        const res = await withoutIps(complete(type, { ...form, [p]: sampleValue(type.fields.find((f) => f.param === p)!, ctx) }, ctx));
        expect(res.status, res.body).toBe(200);
        expect(find((await records(type, { ids: idOf(res) }))[0], 'IP_SET')).toBeUndefined();
      }
      return;
    }
    expect(await count()).toBe(before);
    // A record that needs IPs keeps one.
    const ips = nextIps();
    const id = idOf(await call(emulator, type.path, { form: { action: 'create', title: `${type.name}-keep-${serial}`, ips, ...form } }));
    expectError(await update(id, { remove_ips: ips }), 400, '1905', /^parameter remove_ips has invalid value: .* \(it would leave record \d+ without IPs\)$/);
  });

  it('filters its list by its own filters', async () => {
    for (const filter of type.listFilters ?? []) {
      const field = type.fields.find((f) => f.param === filter.field);
      // A filter on what no request sets (Oracle's template_auth_id) is tried in its own suite.
      if (!field) continue;
      const form = createForms(type, ctx).find((f) => f[field.param] !== undefined);
      if (!form) continue;
      const id = idOf(await create(form));
      const matched = await records(type, { [filter.param]: form[field.param] });
      expect(matched.map((r) => text(r, 'ID'))).toContain(id);
    }
  });

  it('declares its source page and only kinds the readers know', () => {
    expect(type.source).toMatch(/^https:\/\/(docs\.qualys\.com|qualysguard\.qg2\.apps\.qualys\.com)\//);
    for (const f of createFields(type)) if (f.kind === 'enum') expect(f.values?.length, f.param).toBeGreaterThan(0);
    // A secret is never listed; an element on one would be a declaration mistake.
    expect(type.fields.filter((f) => f.kind === 'secret' && f.element !== undefined).map((f) => f.param)).toEqual([]);
  });
});

describe('records that name their targets without IPs [Q: each type page]', () => {
  const typeNamed = (name: string) => RECORD_TYPES.find((t) => t.name === name)!;
  it.each([
    ['http', { vhost: 'bank.example.com' }],
    ['ms_sql', { member_domain: 'corp.example.com' }],
    ['windows', { windows_ad_domain: 'corp.example.com' }],
  ] as const)('creates %s records without ips', async (name, target) => {
    const type = typeNamed(name);
    const res = await call(emulator, type.path, { form: complete(type, { action: 'create', title: `${name}-target`, ...target }, ctx) });
    expect(res.status, res.body).toBe(200);
  });

  it('still asks MS SQL and Windows records for IPs when they name no domain (1903)', async () => {
    for (const [name, standIn] of [
      ['ms_sql', 'member_domain'],
      ['windows', 'windows_ad_domain'],
    ] as const) {
      const type = typeNamed(name);
      const res = await call(emulator, type.path, { form: complete(type, { action: 'create', title: `${name}-none` }, ctx) });
      expectError(res, 400, '1903', `Missing required parameter(s): ips or ${standIn}`);
    }
  });
});
