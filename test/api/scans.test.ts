import { describe, expect, it } from 'vitest';
import { all, call, expectError, find, startTestEmulator, text, type Node, itemValue } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

// Scans move only when the test steps them: no step lasts a set time.
const emulator = await startTestEmulator({ scanStepSeconds: 0 });
await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '10.0.0.0/24', enable_vm: '1' } });

const SCAN = '/api/2.0/fo/scan/';

const launch = async (form: Record<string, string>, path = SCAN) => {
  const res = await call(emulator, path, { form: { action: 'launch', ...form } });
  expect(res.status, res.body).toBe(200);
  return res;
};
const launched = async (form: Record<string, string> = {}) =>
  itemValue(await launch({ ip: '10.0.0.1-10.0.0.4', option_title: 'Initial Options', ...form }), 'REFERENCE')!;
const list = async (query: Record<string, string> = {}, path = SCAN) => {
  const res = await call(emulator, path, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('SCAN_LIST_OUTPUT');
  return all(res.root, 'RESPONSE/SCAN_LIST', 'SCAN');
};
const one = async (ref: string, query: Record<string, string> = {}): Promise<Node> => {
  const [scan] = await list({ scan_ref: ref, ...query });
  expect(scan, ref).toBeDefined();
  return scan;
};
type ScanJson = {
  ref: string;
  state: string;
  processed: boolean;
  sub_state: string | null;
  auth: { ip: string; technologies: { type: string; status: string }[] }[];
};
const control = async (path: string, body: Record<string, unknown>) => {
  const res = await admin(emulator, 'POST', path, body);
  return { status: res.status, json: res.json as unknown as { scan: ScanJson; error: string } };
};
const step = async (ref: string) => {
  const res = await control('scans/step', { ref });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.scan;
};
const fetchRaw = (query: Record<string, string>, path = SCAN) =>
  fetch(`${emulator.url}${path}?${new URLSearchParams({ action: 'fetch', ...query })}`, {
    headers: { Authorization: `Basic ${Buffer.from('tester:s3cret').toString('base64')}`, 'X-Requested-With': 'vitest' },
  });

describe('/api/2.0/fo/scan/ launch', () => {
  it('answers the recorded SIMPLE_RETURN with ID and REFERENCE, naming the launch DTD', async () => {
    const res = await launch({ ip: '10.0.0.1', option_title: 'Initial Options', scan_title: 'First' });
    expect(res.body).toContain('/api/2.0/fo/scan/dtd/launch_output.dtd');
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('New vm scan launched');
    expect(all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM').map((i) => text(i, 'KEY'))).toEqual(['ID', 'REFERENCE']);
    const id = itemValue(res, 'ID')!;
    expect(itemValue(res, 'REFERENCE')).toMatch(new RegExp(`^scan/\\d{10}\\.${id.padStart(5, '0')}$`));
  });

  it('refuses IPs outside the subscription, unknown option profiles, appliances and groups', async () => {
    const base = { ip: '10.0.0.1', option_title: 'Initial Options' };
    expectError(await call(emulator, SCAN, { form: { action: 'launch', ...base, ip: '172.16.0.1' } }), 400, '1905', 'IP(s) do not exist.');
    expectError(
      await call(emulator, SCAN, { form: { action: 'launch', ...base, option_title: 'Nope' } }),
      400,
      '1905',
      /option_title has invalid value: Nope \(no such option profile\)/,
    );
    expectError(
      await call(emulator, SCAN, { form: { action: 'launch', ip: '10.0.0.1', option_id: '999' } }),
      400,
      '1905',
      /option_id .*no such option profile/,
    );
    expectError(
      await call(emulator, SCAN, { form: { action: 'launch', ...base, iscanner_name: 'ghost' } }),
      400,
      '1905',
      /iscanner_name .*no such scanner appliance/,
    );
    expectError(
      await call(emulator, SCAN, { form: { action: 'launch', ...base, asset_groups: 'Nothing' } }),
      400,
      '1905',
      /asset_groups .*no such asset group/,
    );
    expectError(
      await call(emulator, SCAN, { form: { action: 'launch', option_title: 'Initial Options' } }),
      400,
      '1903',
      'Missing required parameter(s): ip or asset_groups or asset_group_ids',
    );
    expectError(
      await call(emulator, SCAN, { form: { action: 'launch', ip: '10.0.0.1' } }),
      400,
      '1903',
      'Missing required parameter(s): option_title or option_id',
    );
    expectError(await call(emulator, SCAN, { form: { action: 'launch', ...base, option_id: '1' } }), 400, '1904', /option_title, option_id/);
    expectError(await call(emulator, SCAN, { query: { action: 'launch', ...base } }), 400, '1908', /incompatible/);
  });

  it('scans the groups named, their default appliance, less the addresses excluded', async () => {
    const appliance = await call(emulator, '/api/2.0/fo/appliance/', { form: { action: 'create', name: 'scan-box' } });
    const applianceId = text(appliance.root, 'RESPONSE/APPLIANCE/ID')!;
    const group = await call(emulator, '/api/2.0/fo/asset/group/', {
      form: { action: 'add', title: 'Web', ips: '10.0.0.10-10.0.0.12', appliance_ids: applianceId, default_appliance_id: applianceId },
    });
    const ref = await launched({ ip: '10.0.0.20', asset_groups: 'Web', exclude_ip_per_scan: '10.0.0.11', default_scanner: '1' });
    const scan = await one(ref, { show_ags: '1', show_op: '1' });
    expect(text(scan, 'TARGET')).toBe('10.0.0.10, 10.0.0.12, 10.0.0.20');
    expect(all(scan, 'ASSET_GROUP_TITLE_LIST', 'ASSET_GROUP_TITLE').map((n) => n.text)).toEqual(['Web']);
    expect(text(scan, 'OPTION_PROFILE/TITLE')).toBe('Initial Options');
    expect(text(scan, 'OPTION_PROFILE/DEFAULT_FLAG')).toBe('1');
    expect((await admin(emulator, 'GET', 'scans')).json).toMatchObject({
      scans: expect.arrayContaining([expect.objectContaining({ ref, scanner: 'scan-box' })]),
    });
    // the same group by ID
    const byId = await one(await launched({ ip: '', asset_group_ids: itemValue(group, 'ID')! }), { show_ags: '1' });
    expect([text(byId, 'TARGET'), text(byId, 'ASSET_GROUP_TITLE_LIST/ASSET_GROUP_TITLE')]).toEqual(['10.0.0.10-10.0.0.12', 'Web']);
  });
});

describe('/api/2.0/fo/scan/ list and the state machine', () => {
  it('lists a launched scan Queued with the recorded elements, then Running, Finished unprocessed, processed', async () => {
    const ref = await launched();
    const scan = await one(ref);
    expect(scan.children.map((c) => c.name)).toEqual([
      'REF',
      'TYPE',
      'TITLE',
      'USER_LOGIN',
      'LAUNCH_DATETIME',
      'DURATION',
      'PROCESSING_PRIORITY',
      'PROCESSED',
      'STATUS',
      'TARGET',
    ]);
    expect(text(scan, 'TYPE')).toBe('API');
    expect(text(scan, 'TITLE')).toBe('N/A');
    expect(text(scan, 'USER_LOGIN')).toBe('tester');
    expect(text(scan, 'PROCESSING_PRIORITY')).toBe('0 - No Priority');
    expect([text(scan, 'STATUS/STATE'), text(scan, 'PROCESSED'), text(scan, 'DURATION')]).toEqual(['Queued', '0', 'Pending']);
    await step(ref);
    expect([text(await one(ref), 'STATUS/STATE'), text(await one(ref), 'DURATION')]).toEqual(['Running', 'Running']);
    await step(ref);
    const finished = await one(ref);
    expect([text(finished, 'STATUS/STATE'), text(finished, 'PROCESSED')]).toEqual(['Finished', '0']);
    expect(text(finished, 'DURATION')).toMatch(/^\d\d:\d\d:\d\d$/);
    await step(ref);
    expect(text(await one(ref), 'PROCESSED')).toBe('1');
    expect((await control('scans/step', { ref })).status).toBe(400);
  });

  it('filters by state, processed, type, target, user and dates; show_status=0 and ignore_target=1 hide elements', async () => {
    const ref = await launched({ ip: '10.0.0.99', priority: '2' });
    const refs = async (q: Record<string, string>) => (await list(q)).map((s) => text(s, 'REF'));
    expect(await refs({ state: 'Queued', target: '10.0.0.99' })).toEqual([ref]);
    expect(await refs({ state: 'Running', target: '10.0.0.99' })).toEqual([]);
    expect(await refs({ processed: '1', target: '10.0.0.99' })).toEqual([]);
    expect(await refs({ type: 'Scheduled', target: '10.0.0.99' })).toEqual([]);
    expect(await refs({ user_login: 'someone', target: '10.0.0.99' })).toEqual([]);
    expect(await refs({ launched_before_datetime: '2020-01-01', target: '10.0.0.99' })).toEqual([]);
    expect(await refs({ launched_after_datetime: '2020-01-01T00:00:00Z', target: '10.0.0.99' })).toEqual([ref]);
    const bare = await one(ref, { show_status: '0', ignore_target: '1' });
    expect(find(bare, 'STATUS')).toBeUndefined();
    expect(find(bare, 'TARGET')).toBeUndefined();
    expect(text(bare, 'PROCESSING_PRIORITY')).toBe('2 - Ultimate');
    expect(await list({ show_last: '1' })).toHaveLength(1);
    expectError(await call(emulator, SCAN, { query: { action: 'list', state: 'Sleeping' } }), 400, '1905', /state/);
  });

  it('pauses, resumes, cancels and deletes, refusing what the state does not allow', async () => {
    const ref = await launched();
    const manage = (action: string) => call(emulator, SCAN, { form: { action, scan_ref: ref } });
    expectError(await manage('resume'), 400, '1905', /the scan is Queued: resume is allowed only when it is Paused/);
    expectError(await manage('delete'), 400, '1905', /the scan is Queued: delete/);
    expect(text((await manage('pause')).root, 'RESPONSE/TEXT')).toBe('Pausing scan');
    expect(text(await one(ref), 'STATUS/STATE')).toBe('Paused');
    expect(text((await manage('resume')).root, 'RESPONSE/TEXT')).toBe('Resuming scan');
    expect(text(await one(ref), 'STATUS/STATE')).toBe('Queued');
    expect(text((await manage('cancel')).root, 'RESPONSE/TEXT')).toBe('Cancelling scan');
    expect(text(await one(ref), 'STATUS/STATE')).toBe('Canceled');
    expectError(await manage('cancel'), 400, '1905', /the scan is Canceled/);
    expect(text((await manage('delete')).root, 'RESPONSE/TEXT')).toBe('Deleting scan');
    expect(await list({ scan_ref: ref })).toEqual([]);
    expectError(await manage('delete'), 400, '1905', /no such scan/);
  });

  it('lets a harness end a scan in Error, Canceled or Finished with No_Host', async () => {
    const ref = await launched();
    expect((await control('scans/force', { ref, state: 'Error' })).json.scan.state).toBe('Error');
    expect(text(await one(ref), 'STATUS/STATE')).toBe('Error');
    const other = await launched();
    await control('scans/force', { ref: other, state: 'Finished', sub_state: 'No_Host' });
    const scan = await one(other);
    expect([text(scan, 'STATUS/STATE'), text(scan, 'STATUS/SUB_STATE'), text(scan, 'PROCESSED')]).toEqual(['Finished', 'No_Host', '1']);
    const res = await fetchRaw({ scan_ref: other, output_format: 'json' });
    expect(await res.json()).toEqual([]);
    expect((await control('scans/force', { ref: 'scan/1.00001', state: 'Error' })).status).toBe(400);
    expect((await control('scans/force', { ref, state: 'Asleep' })).status).toBe(400);
  });

  it('moves on by itself once each step has lasted the configured time', async () => {
    expect((await admin(emulator, 'PATCH', 'config', { scan_step_seconds: 1 })).status).toBe(200);
    try {
      const ref = await launched();
      await new Promise((r) => setTimeout(r, 3100));
      const scan = await one(ref);
      expect([text(scan, 'STATUS/STATE'), text(scan, 'PROCESSED')]).toEqual(['Finished', '1']);
    } finally {
      await admin(emulator, 'PATCH', 'config', { scan_step_seconds: 0 });
    }
  });
});

describe('/api/2.0/fo/scan/ fetch', () => {
  it('refuses a scan not finished, then answers CSV by default and JSON rows for each host', async () => {
    const ref = await launched({ ip: '10.0.0.1-10.0.0.2' });
    const early = await call(emulator, SCAN, { query: { action: 'fetch', scan_ref: ref } });
    expectError(early, 400, '1905', /the scan is Queued: its results can be fetched once it is Finished, Canceled, Paused, Error/);
    await step(ref);
    await step(ref);
    const csv = await fetchRaw({ scan_ref: ref });
    expect(csv.headers.get('content-type')).toBe('text/csv;charset=UTF-8');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('"IP","DNS","NetBIOS","QID","Results","Instance"');
    const json = (await (await fetchRaw({ scan_ref: ref, output_format: 'json' })).json()) as Record<string, unknown>[];
    expect(new Set(json.map((r) => r.ip))).toEqual(new Set(['10.0.0.1', '10.0.0.2']));
    expect(json.filter((r) => r.ip === '10.0.0.1').map((r) => r.qid)).toEqual(expect.arrayContaining([6, 82023, 45038]));
    expect(Object.keys(json[0])).toEqual(['ip', 'dns', 'netbios', 'qid', 'results', 'instance']);
    const extended = (await (await fetchRaw({ scan_ref: ref, output_format: 'json', mode: 'extended' })).json()) as Record<string, unknown>[];
    expect(Object.keys(extended[0])).toEqual(['ip', 'dns', 'netbios', 'qid', 'results', 'protocol', 'port', 'ssl', 'fqdn', 'instance']);
    // the same host has the same findings in every scan
    const again = await launched({ ip: '10.0.0.1' });
    await step(again);
    await step(again);
    const vulns = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => r.ip === '10.0.0.1' && ![6, 82023, 45038].includes(r.qid as number)).map((r) => r.qid);
    expect(vulns((await (await fetchRaw({ scan_ref: again, output_format: 'json' })).json()) as Record<string, unknown>[])).toEqual(vulns(json));
    const only = (await (await fetchRaw({ scan_ref: ref, output_format: 'json', ips: '10.0.0.2' })).json()) as Record<string, unknown>[];
    expect(new Set(only.map((r) => r.ip))).toEqual(new Set(['10.0.0.2']));
  });

  it('fetches a Paused scan as it stands, and a scan canceled before it ran as no results', async () => {
    const paused = await launched({ ip: '10.0.0.3' });
    await step(paused);
    await call(emulator, SCAN, { form: { action: 'pause', scan_ref: paused } });
    const rows = (await (await fetchRaw({ scan_ref: paused, output_format: 'json' })).json()) as Record<string, unknown>[];
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(['10.0.0.3']));
    const canceled = await launched({ ip: '10.0.0.3' });
    await call(emulator, SCAN, { form: { action: 'cancel', scan_ref: canceled } });
    expect(await (await fetchRaw({ scan_ref: canceled, output_format: 'json' })).json()).toEqual([]);
  });

  it("finds a host the hosts family keeps with that host's detections", async () => {
    await emulator.seed({ records: [], hosts: [{ ip: '10.0.0.60', os: 'Ubuntu Linux 22.04', detections: [{ qid: 38173, severity: 3 }] }] });
    const ref = await launched({ ip: '10.0.0.60-10.0.0.61' });
    await step(ref);
    await step(ref);
    const rows = (await (await fetchRaw({ scan_ref: ref, output_format: 'json' })).json()) as Record<string, unknown>[];
    const qids = (ip: string) => rows.filter((r) => r.ip === ip).map((r) => r.qid);
    expect(qids('10.0.0.60')).toEqual([6, 82023, 45038, 38173]);
    // a host the hosts family does not keep: generated findings
    expect(qids('10.0.0.61')).not.toContain(38173);
  });

  it('json_extended wraps the rows in header, summary and footer, with each host authenticated by the records covering it', async () => {
    const unix = await call(emulator, '/api/2.0/fo/auth/unix/', {
      form: { action: 'create', title: 'u1', username: 'root', password: 'pw', ips: '10.0.0.50' },
    });
    expect(unix.status, unix.body).toBe(200);
    const ref = await launched({ ip: '10.0.0.50-10.0.0.51' });
    await step(ref);
    await step(ref);
    await control('scans/auth', { ref, technology: 'windows', ips: '10.0.0.51', status: 'Failed' });
    const body = (await (await fetchRaw({ scan_ref: ref, output_format: 'json_extended' })).json()) as Record<string, unknown>[];
    expect(body[0]).toMatchObject({ username: 'tester', report_type: 'API', status: 'FINISHED' });
    const auth = (body[1] as { scan_summary: { authentication: { ip: string; technology: string; status: string }[] } }).scan_summary.authentication;
    expect(auth).toEqual([
      { ip: '10.0.0.50', technology: 'unix', status: 'Passed' },
      { ip: '10.0.0.50', technology: 'windows', status: 'Not Attempted' },
      { ip: '10.0.0.51', technology: 'unix', status: 'Not Attempted' },
      { ip: '10.0.0.51', technology: 'windows', status: 'Failed' },
    ]);
    expect(body.at(-1)).toHaveProperty('target_distribution_across_scanner_appliances');
  });
});

describe('/api/3.0/fo/scan/', () => {
  it('launches, lists naming the v3.0 DTD, and fetches', async () => {
    const res = await launch({ ip: '10.0.0.7', option_id: '1' }, '/api/3.0/fo/scan/');
    const ref = itemValue(res, 'REFERENCE')!;
    const listed = await call(emulator, '/api/3.0/fo/scan/', { query: { action: 'list', scan_ref: ref } });
    expect(listed.body).toContain('/api/3.0/fo/scan/scan_list_output.dtd');
    expect(text(listed.root, 'RESPONSE/SCAN_LIST/SCAN/REF')).toBe(ref);
    expectError(await call(emulator, '/api/3.0/fo/scan/', { form: { action: 'cancel', scan_ref: ref } }), 400, '1905', /action has invalid value/);
  });
});

describe('the scan paths and the harness', () => {
  it('are journaled, fetches included, and take fault rules as every path does', async () => {
    const ref = await launched({ scan_title: 'Journaled' });
    await step(ref);
    await step(ref);
    await fetchRaw({ scan_ref: ref, output_format: 'json' });
    const journal = await emulator.requests({ path: SCAN });
    expect(journal.map((r) => r.action)).toEqual(expect.arrayContaining(['launch', 'fetch']));
    expect(journal.filter((r) => r.action === 'fetch').at(-1)).toMatchObject({ status: 200, params: { scan_ref: ref, output_format: 'json' } });
    await emulator.faults.add([{ path: SCAN, action: 'launch', code: '1965', wait_sec: 3, times: 1 }]);
    const refused = await call(emulator, SCAN, { form: { action: 'launch', ip: '10.0.0.1', option_title: 'Initial Options' } });
    expectError(refused, 409, '1965', /This API cannot be run again/);
    expect(refused.headers.get('X-RateLimit-ToWait-Sec')).toBe('3');
    expect((await launch({ ip: '10.0.0.1', option_title: 'Initial Options' })).status).toBe(200);
  });
});
