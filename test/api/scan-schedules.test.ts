import { describe, expect, it } from 'vitest';
import { all, call, expectError, find, startTestEmulator, text, itemValue } from '../helpers/emulator.js';

const emulator = await startTestEmulator();
await emulator.seed({
  ips: [{ ips: '10.3.0.0/24', enable_vm: 1 }],
  records: [],
  asset_groups: [{ title: 'DMZ', ips: '10.3.0.10-10.3.0.12' }],
});

const SCHEDULE = '/api/2.0/fo/schedule/scan/';

const BASE = {
  scan_title: 'Nightly',
  active: '1',
  ip: '10.3.0.1-10.3.0.3',
  option_title: 'Initial Options',
  start_hour: '16',
  start_minute: '30',
  time_zone_code: 'US-CA',
};
const create = async (form: Record<string, string>, path = SCHEDULE) => {
  const res = await call(emulator, path, { form: { action: 'create', ...BASE, ...form } });
  expect(res.status, res.body).toBe(200);
  expect(text(res.root, 'RESPONSE/TEXT')).toBe('New scan scheduled successfully');
  return itemValue(res, 'ID')!;
};
const one = async (id: string, path = SCHEDULE) => {
  const res = await call(emulator, path, { query: { action: 'list', id } });
  expect(res.root.name).toBe('SCHEDULE_SCAN_LIST_OUTPUT');
  const [scan] = all(res.root, 'RESPONSE/SCHEDULE_SCAN_LIST', 'SCAN');
  return scan;
};

describe('/api/2.0/fo/schedule/scan/', () => {
  it('creates a daily schedule and lists it as the guide sample shows one', async () => {
    const id = await create({ frequency_days: '1', start_date: '11/30/2027', observe_dst: 'yes' });
    const scan = await one(id);
    expect(scan.children.map((c) => c.name)).toEqual([
      'ID',
      'ACTIVE',
      'TITLE',
      'USER_LOGIN',
      'TARGET',
      'NETWORK_ID',
      'ISCANNER_NAME',
      'USER_ENTERED_IPS',
      'OPTION_PROFILE',
      'PROCESSING_PRIORITY',
      'SCHEDULE',
    ]);
    expect([text(scan, 'ID'), text(scan, 'ACTIVE'), text(scan, 'TITLE'), text(scan, 'TARGET'), text(scan, 'ISCANNER_NAME')]).toEqual([
      id,
      '1',
      'Nightly',
      '10.3.0.1-10.3.0.3',
      'External Scanner',
    ]);
    expect([text(scan, 'USER_ENTERED_IPS/RANGE/START'), text(scan, 'USER_ENTERED_IPS/RANGE/END')]).toEqual(['10.3.0.1', '10.3.0.3']);
    const schedule = find(scan, 'SCHEDULE')!;
    expect(schedule.children.map((c) => c.name)).toEqual(['DAILY', 'START_DATE_UTC', 'START_HOUR', 'START_MINUTE', 'TIME_ZONE', 'DST_SELECTED']);
    expect(find(schedule, 'DAILY')?.attrs).toEqual({ frequency_days: '1' });
    // 16:30 in California is 00:30 UTC the next day, as the guide's sample shows
    expect(text(schedule, 'START_DATE_UTC')).toBe('2027-12-01T00:30:00Z');
    expect(text(schedule, 'TIME_ZONE/TIME_ZONE_DETAILS')).toBe('(GMT-0800) United States: America/Los_Angeles');
    expect(text(schedule, 'DST_SELECTED')).toBe('1');
  });

  it('takes weekly and monthly recurrences, and refuses what is incomplete or contradictory', async () => {
    const weekly = await one(await create({ frequency_weeks: '2', weekdays: 'Monday,friday' }));
    expect(find(weekly, 'SCHEDULE/WEEKLY')?.attrs).toEqual({ frequency_weeks: '2', weekdays: 'monday,friday' });
    const monthly = await one(await create({ frequency_months: '1', day_of_week: '1', week_of_month: 'last', asset_groups: 'DMZ', ip: '' }));
    expect(find(monthly, 'SCHEDULE/MONTHLY')?.attrs).toEqual({ frequency_months: '1', day_of_week: '1', week_of_month: 'last' });
    expect(all(monthly, 'ASSET_GROUP_TITLE_LIST', 'ASSET_GROUP_TITLE').map((n) => n.text)).toEqual(['DMZ']);
    const refuse = (form: Record<string, string>) => call(emulator, SCHEDULE, { form: { action: 'create', ...BASE, ...form } });
    expectError(await refuse({}), 400, '1903', 'Missing required parameter(s): frequency_days or frequency_weeks or frequency_months');
    expectError(await refuse({ frequency_weeks: '1' }), 400, '1903', 'Missing required parameter(s): weekdays');
    expectError(await refuse({ frequency_days: '1', frequency_weeks: '1' }), 400, '1904', /frequency_days, frequency_weeks/);
    expectError(await refuse({ frequency_days: '1', occurrence: 'weekly' }), 400, '1905', /occurrence/);
    expectError(await refuse({ frequency_days: '1', start_date: '2027-11-30' }), 400, '1905', /start_date/);
    expectError(await refuse({ frequency_days: '1', ip: '192.168.9.9' }), 400, '1905', 'IP(s) do not exist.');
    expectError(await refuse({ frequency_days: '1', option_id: '77', option_title: '' }), 400, '1904', /option_title, option_id/);
    expectError(await refuse({ frequency_days: '1', active: '' }), 400, '1903', 'Missing required parameter(s): active');
  });

  it('updates only what it names, and deletes', async () => {
    const id = await create({ frequency_days: '3' });
    const updated = await call(emulator, SCHEDULE, { form: { action: 'update', id, active: '0', asset_groups: 'DMZ' } });
    expect([text(updated.root, 'RESPONSE/TEXT'), itemValue(updated, 'ID')]).toEqual(['Edit scheduled scan Completed successfully', id]);
    const scan = await one(id);
    // the group replaces the IPs given before; title and recurrence stay
    expect([text(scan, 'ACTIVE'), text(scan, 'TITLE'), text(scan, 'TARGET'), find(scan, 'USER_ENTERED_IPS')]).toEqual([
      '0',
      'Nightly',
      '10.3.0.10-10.3.0.12',
      undefined,
    ]);
    expect(find(scan, 'SCHEDULE/DAILY')?.attrs).toEqual({ frequency_days: '3' });
    const inactive = all((await call(emulator, SCHEDULE, { query: { action: 'list', active: '0' } })).root, 'RESPONSE/SCHEDULE_SCAN_LIST', 'SCAN');
    expect(inactive.map((s) => text(s, 'ID'))).toContain(id);
    expectError(await call(emulator, SCHEDULE, { form: { action: 'update', id, asset_groups: 'Nope' } }), 400, '1905', /no such asset group/);
    expect(text(await one(id), 'TARGET')).toBe('10.3.0.10-10.3.0.12');
    const deleted = await call(emulator, SCHEDULE, { form: { action: 'delete', id } });
    expect([text(deleted.root, 'RESPONSE/TEXT'), itemValue(deleted, 'ID')]).toEqual(['Schedule scan deleted successfully', id]);
    expect(await one(id)).toBeUndefined();
    expectError(await call(emulator, SCHEDULE, { form: { action: 'delete', id } }), 400, '1905', /no such scheduled scan/);
  });

  it('serves the same definitions at /api/5.0/', async () => {
    const id = await create({ frequency_days: '7' }, '/api/5.0/fo/schedule/scan/');
    expect(text(await one(id), 'TITLE')).toBe('Nightly');
    expect(text(await one(id, '/api/5.0/fo/schedule/scan/'), 'ID')).toBe(id);
  });
});
