import { describe, expect, it } from 'vitest';
import { all, call, expectError, startTestEmulator, text, itemValue } from '../helpers/emulator.js';

// Scans move only when the test steps them.
const emulator = await startTestEmulator({ scanStepSeconds: 0 });
await emulator.seed({
  ips: [{ ips: '10.1.0.0/24', enable_vm: 1, enable_pc: 1 }],
  records: [
    { type: 'unix', title: 'linux', username: 'svc', password: 'pw', ips: '10.1.0.1-10.1.0.4' },
    { type: 'windows', title: 'win', username: 'adm', password: 'pw', ips: '10.1.0.5' },
  ],
  option_profiles: [{ title: 'PC baseline', type: 'compliance' }],
});

const PC = '/api/2.0/fo/scan/compliance/';

const launch = (form: Record<string, string>) => call(emulator, PC, { form: { action: 'launch', option_title: 'PC baseline', ...form } });

describe('/api/2.0/fo/scan/compliance/', () => {
  it('launches a compliance scan of hosts with Unix or Windows records, lists it with its ID, and fetches each host authenticated', async () => {
    const res = await launch({ ip: '10.1.0.4-10.1.0.5', scan_title: 'PC run' });
    expect(res.status, res.body).toBe(200);
    expect(res.body).toContain('/api/2.0/fo/scan/dtd/launch_output.dtd');
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('New compliance scan launched');
    const id = itemValue(res, 'ID')!;
    const ref = itemValue(res, 'REFERENCE')!;
    expect(ref).toMatch(new RegExp(`^compliance/\\d{10}\\.${id.padStart(5, '0')}$`));

    const listed = await call(emulator, PC, { query: { action: 'list', scan_id: id } });
    const [scan] = all(listed.root, 'RESPONSE/SCAN_LIST', 'SCAN');
    expect(scan.children.map((c) => c.name).slice(0, 3)).toEqual(['ID', 'REF', 'TYPE']);
    expect([text(scan, 'REF'), text(scan, 'STATUS/STATE')]).toEqual([ref, 'Queued']);
    // a VM list does not show compliance scans
    expect(all((await call(emulator, '/api/2.0/fo/scan/', { query: { action: 'list', scan_ref: ref } })).root, 'RESPONSE/SCAN_LIST', 'SCAN')).toEqual([]);

    expectError(await call(emulator, PC, { query: { action: 'fetch', scan_ref: ref } }), 400, '1905', /the scan is Queued/);
    await emulator.scans.step(ref);
    await emulator.scans.step(ref);
    const fetched = await call(emulator, PC, { query: { action: 'fetch', scan_ref: ref } });
    expect(fetched.root.name).toBe('COMPLIANCE_SCAN_RESULT_OUTPUT');
    const keys = Object.fromEntries(all(fetched.root, 'RESPONSE/COMPLIANCE_SCAN/HEADER', 'KEY').map((k) => [k.attrs.value, k.text]));
    expect(keys).toMatchObject({ USERNAME: 'tester', TITLE: 'PC run', TARGET: '10.1.0.4-10.1.0.5', REPORT_TYPE: 'API', STATUS: 'FINISHED', NBHOST_TOTAL: '2' });
    const hosts = all(fetched.root, 'RESPONSE/COMPLIANCE_SCAN/AUTH_SCAN_RESULTS', 'HOST').map((h) => [
      text(h, 'IP'),
      h.children.filter((c) => c.name === 'AUTH').map((a) => `${text(a, 'TECHNOLOGY')}:${text(a, 'STATUS')}`),
    ]);
    expect(hosts).toEqual([
      ['10.1.0.4', ['unix:Passed', 'windows:Not Attempted']],
      ['10.1.0.5', ['unix:Not Attempted', 'windows:Passed']],
    ]);
  });

  it('refuses targets no Unix or Windows record covers, and VM profiles', async () => {
    expectError(
      await launch({ ip: '10.1.0.4-10.1.0.7' }),
      400,
      '1905',
      'parameter ip has invalid value: 10.1.0.6-10.1.0.7 (not covered by Unix or Windows authentication records)',
    );
    expectError(await launch({ ip: '10.1.0.4', option_title: 'Initial Options' }), 400, '1905', /no such option profile/);
    expectError(await launch({ ip: '10.1.0.4', fqdn: 'a.example' }), 400, '1901', /Unrecognized parameter\(s\): fqdn/);
  });

  it('answers management actions with the scan ID and REFERENCE', async () => {
    const res = await launch({ ip: '10.1.0.1' });
    const ref = itemValue(res, 'REFERENCE')!;
    const cancelled = await call(emulator, PC, { form: { action: 'cancel', scan_ref: ref } });
    expect(text(cancelled.root, 'RESPONSE/TEXT')).toBe('Cancelling scan');
    expect([itemValue(cancelled, 'ID'), itemValue(cancelled, 'REFERENCE')]).toEqual([itemValue(res, 'ID'), ref]);
    const deleted = await call(emulator, PC, { form: { action: 'delete', scan_ref: ref } });
    expect([text(deleted.root, 'RESPONSE/TEXT'), itemValue(deleted, 'REFERENCE')]).toEqual(['Deleting scan', ref]);
    // a compliance reference is not a VM scan
    expectError(await call(emulator, '/api/2.0/fo/scan/', { form: { action: 'cancel', scan_ref: ref } }), 400, '1905', /no such scan/);
  });
});
