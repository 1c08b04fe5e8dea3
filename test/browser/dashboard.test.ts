import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { call, DOCKER, expectError, startTestEmulator, USER } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { noBrowserReason, openBrowser } from '../helpers/browser.js';
import { FAKES, postTool } from '../tools/helpers.js';

const UNIX = '/api/2.0/fo/auth/unix/';
/** Screenshots of each view are written to docs/ only when asked, so a test run changes no file. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The views poll every one to three seconds. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 8000 });

if (noBrowserReason) console.warn(`Dashboard browser tests skipped: ${noBrowserReason}`);

describe.skipIf(noBrowserReason !== undefined)('the dashboard in Chromium', () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;

  const toolOutputDir = mkdtempSync(join(tmpdir(), 'qe-ui-tools-'));
  afterAll(() => rmSync(toolOutputDir, { recursive: true, force: true }));

  beforeAll(async () => {
    emulator = await startTestEmulator({ kubeBenchBin: join(FAKES, 'kube-bench'), toolOutputDir });
    browser = await openBrowser({ username: USER.login, password: USER.password });
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    await emulator.reset();
    page = await browser.context.newPage();
    return () => page.close();
  });

  const view = async (name: string) => {
    await page.goto(`${emulator.url}/_emulator/ui/#${name}`);
    await page.locator('main h2').first().waitFor();
  };

  /** axe-core, run in the page (evaluated, so the page's CSP still forbids any inline script). */
  const accessibilityProblems = async () => {
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
      ).axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  };

  /** `hide`: what names this machine's files (a tool's path), painted over. */
  const screenshot = async (name: string, hide: Locator[] = []) => {
    if (SCREENSHOTS) await page.screenshot({ path: `docs/dashboard-${name}.png`, fullPage: true, mask: hide, maskColor: '#d9dde3' });
  };

  it('opens from the host root once logged in, and refuses a browser with wrong credentials', async () => {
    const stranger = await openBrowser({ username: USER.login, password: 'wrong' });
    try {
      const refused = await stranger.context.newPage();
      const res = await refused.goto(`${emulator.url}/`);
      expect(res?.status()).toBe(401);
      expect(await refused.locator('body').textContent()).toContain('Bad Login/Password');
    } finally {
      await stranger.close();
    }
    const failed: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') failed.push(m.text());
    });
    await page.goto(`${emulator.url}/`);
    expect(new URL(page.url()).pathname).toBe('/_emulator/ui/');
    await eventually(() => page.locator('main').textContent()).toContain('No records yet');
    // Nothing the page loads is missing: not even the icon a browser asks for by itself.
    expect(failed).toEqual([]);
  });

  /**
   * The records table, wider than the window, stays readable: no IP range or time is broken at
   * its hyphen, titles are not squeezed to a word a line, and the table scrolls from the keyboard
   * with the ID column kept in view.
   */
  const expectReadableRecordsTable = async () => {
    const layout = await page.evaluate(() => {
      const region = document.querySelector<HTMLElement>('[role="region"][aria-label="Records table"]')!;
      const cells = [...region.querySelectorAll('tbody tr:first-child td')];
      const broken = [...cells[2].querySelectorAll('span'), ...cells[4].querySelectorAll('span')]
        .filter((s) => s.getClientRects().length !== 1)
        .map((s) => s.textContent);
      region.scrollLeft = region.scrollWidth;
      const result = {
        tabindex: region.tabIndex,
        wider: region.scrollWidth > region.clientWidth,
        broken,
        titleWidth: cells[1].getBoundingClientRect().width,
        idShown: cells[0].getBoundingClientRect().left - region.getBoundingClientRect().left,
      };
      region.scrollLeft = 0;
      return result;
    });
    expect(layout).toMatchObject({ tabindex: 0, wider: true, broken: [] });
    expect(layout.titleWidth).toBeGreaterThan(150);
    expect(Math.abs(layout.idShown)).toBeLessThan(2);
  };

  it('shows a record created through the API, with its secret masked and its exact list XML', async () => {
    await view('records');
    const title = 'web servers of the primary data centre, run by the platform team';
    const ips = '10.0.0.1-10.0.0.5,10.0.0.9,172.16.0.0-172.16.255.255,192.168.100.100-192.168.100.200';
    const created = await call(emulator, UNIX, { form: { action: 'create', title, ips, username: 'root', password: 'hunter2' } });
    expect(created.status).toBe(200);
    const row = page.locator('tbody tr', { hasText: 'web servers' });
    await row.waitFor();
    await eventually(() => page.locator('#tab-unix').textContent()).toBe('unix (1)');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['1', title, ips.replaceAll(',', ', ')]);
    expect(cells).toContain('root');
    expect(cells).toContain('********');
    expect(await page.content()).not.toContain('hunter2');
    await expectReadableRecordsTable();
    await row.getByRole('button').click();
    const xml = await page.locator('dialog pre').textContent();
    const listed = await call(emulator, UNIX, { query: { action: 'list', ids: '1' } });
    const withoutTime = (s: string | null) => s?.replace(/<DATETIME>[^<]*<\/DATETIME>/, '');
    expect(withoutTime(xml)).toBe(withoutTime(listed.body));
    await screenshot('record-xml');
    expect(await accessibilityProblems()).toEqual([]);
    await page.keyboard.press('Escape');
    await eventually(() => page.locator('dialog').count()).toBe(0);
    await screenshot('records');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('filters records by title and ID range, and pages at the API page size', async () => {
    await admin(emulator, 'PATCH', 'config', { page_size: 2 });
    try {
      const records = ['alpha', 'beta', 'gamma', 'delta', 'alpine'].map((title, i) => ({
        type: 'unix',
        title,
        ips: `10.9.0.${i + 1}`,
        username: 'u',
        skip_password: 1,
      }));
      expect((await admin(emulator, 'POST', 'seed', { records })).status).toBe(200);
      await view('records');
      const titles = () => page.locator('tbody tr td:nth-child(2)').allTextContents();
      await eventually(titles).toEqual(['alpha', 'beta']);
      await page.getByRole('button', { name: 'Next page' }).click();
      await eventually(titles).toEqual(['gamma', 'delta']);
      await page.getByRole('button', { name: 'Next page' }).click();
      await eventually(titles).toEqual(['alpine']);
      expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await eventually(titles).toEqual(['gamma', 'delta']);
      await page.getByLabel('Title contains').fill('alp');
      await page.getByLabel('ID from').fill('2');
      await page.getByRole('button', { name: 'Filter' }).click();
      await eventually(titles).toEqual(['alpine']);
    } finally {
      await admin(emulator, 'PATCH', 'config', { page_size: 1000 });
    }
  });

  it('shows the vaults in a tab of their own, secrets masked, with the records that name them', async () => {
    const vaults = [{ title: 'pam', type: 'CyberArk AIM', url: 'https://pam.example', appid: 'app', password: 'vault-secret' }];
    const records = [{ type: 'unix', title: 'by vault', ips: '10.0.0.1', username: 'root', login_type: 'vault', vault_type: 'CyberArk AIM', vault: 'pam' }];
    expect((await admin(emulator, 'POST', 'seed', { vaults, records })).status).toBe(200);
    await view('records');
    await page.locator('#tab-vaults').click();
    const row = page.locator('tbody tr', { hasText: 'pam' });
    await row.waitFor();
    expect(await page.locator('#tab-vaults').textContent()).toBe('vaults (1)');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['1', 'pam', 'CyberArk AIM']);
    expect(cells[5]).toContain('password: ********');
    expect(cells[6]).toBe('unix 1');
    expect(await page.content()).not.toContain('vault-secret');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('shows each API request as it arrives, without a reload, and opens its parameters and answer', async () => {
    await view('requests');
    await eventually(() => page.locator('main').textContent()).toContain('No API request yet');
    await call(emulator, UNIX, { form: { action: 'create', title: 't', ips: '10.0.0.1', username: 'u', Password: 'hunter2' } });
    const row = page.locator('tbody tr', { hasText: UNIX });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      expect.any(String),
      USER.login,
      'POST',
      UNIX,
      'create',
      '400',
      '1901',
      expect.stringMatching(/ms$/),
    ]);
    await row.getByRole('button').click();
    const dialog = page.locator('dialog');
    await eventually(() => dialog.textContent()).toContain('Unrecognized parameter(s): Password');
    expect(await dialog.locator('tbody').textContent()).toContain('********');
    expect(await dialog.locator('pre').textContent()).toContain('<CODE>1901</CODE>');
    expect(await page.content()).not.toContain('hunter2');
    await screenshot('request');
    expect(await accessibilityProblems()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByLabel('Status', { exact: true }).fill('200');
    await eventually(() => page.locator('main').textContent()).toContain('No request matches the filters');
    await page.getByLabel('Status', { exact: true }).fill('');
    await call(emulator, UNIX, { query: { action: 'list' } });
    await eventually(() => page.locator('tbody tr').count()).toBe(2);
    await screenshot('requests');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('adds a fault rule that the next API call fails with, and clears it', async () => {
    await call(emulator, DOCKER, { query: { action: 'list' } });
    const { json: before } = await admin(emulator, 'PUT', 'faults', { seed: 3, rules: [{ action: 'create', delay_ms: 1 }] });
    await view('faults');
    await page.getByLabel('Path', { exact: true }).fill(UNIX);
    await page.getByLabel('Action', { exact: true }).fill('list');
    await page.getByLabel('CODE', { exact: true }).fill('1965');
    await page.getByLabel('After (calls let through)').fill('1');
    await page.getByLabel('Times').fill('1');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('tbody tr', { hasText: '1965' }).waitFor();
    // Added after the rule in force, which keeps its ID and the seed.
    expect((await admin(emulator, 'GET', 'faults')).json).toEqual({
      seed: 3,
      rules: [...before.rules, { id: before.rules[0].id + 1, path: UNIX, action: 'list', code: '1965', after: 1, times: 1 }],
    });
    await page.locator('tbody tr', { hasText: DOCKER }).waitFor();
    await screenshot('faults');
    expect(await accessibilityProblems()).toEqual([]);
    expect((await call(emulator, UNIX, { query: { action: 'list' } })).status).toBe(200);
    expectError(
      await call(emulator, UNIX, { query: { action: 'list' } }),
      409,
      '1965',
      'This API cannot be run again for another 0 hours, 0 minutes and 1 seconds.',
    );
    expect((await call(emulator, UNIX, { query: { action: 'list' } })).status).toBe(200);
    await page.getByRole('button', { name: `Remove rule ${before.rules[0].id}` }).click();
    await eventually(() => page.locator('main').textContent()).toContain('No fault rule');
    await page.getByLabel('Path', { exact: true }).fill('/api/2.0/fo/auth/');
    await page.getByLabel('Status', { exact: true }).fill('503');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('tbody tr', { hasText: '503' }).waitFor();
    expectError(await call(emulator, '/api/2.0/fo/auth/', { query: { action: 'list' } }), 503, '999', /./);
    await page.getByRole('button', { name: 'Clear every rule' }).click();
    await eventually(async () => (await admin(emulator, 'GET', 'faults')).json.rules).toEqual([]);
  });

  it('removes one fault rule and keeps the others, with the seed they draw from', async () => {
    const { json } = await admin(emulator, 'PUT', 'faults', {
      seed: 11,
      rules: [
        { action: 'list', status: 501 },
        { action: 'create', status: 502 },
      ],
    });
    const [first, second] = json.rules;
    await view('faults');
    await page.locator('tbody tr', { hasText: '502' }).waitFor();
    expect(await accessibilityProblems()).toEqual([]);
    await page.getByRole('button', { name: `Remove rule ${first.id}` }).click();
    await eventually(() => page.locator('tbody tr', { hasText: '501' }).count()).toBe(0);
    expect((await admin(emulator, 'GET', 'faults')).json).toEqual({ seed: 11, rules: [second] });
    expect((await call(emulator, UNIX, { query: { action: 'list' } })).status).toBe(200);
    // A rule the emulator refuses stays in the form, to be corrected.
    await page.getByLabel('Path', { exact: true }).fill(UNIX);
    await page.getByRole('button', { name: 'Add rule' }).click();
    await eventually(() => page.locator('#status').textContent()).toContain('Adding the rule failed: 400: rules[0] does nothing');
    expect(await page.getByLabel('Path', { exact: true }).inputValue()).toBe(UNIX);
    expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([second]);
  });

  it('switches runtime settings and shows the rate counts', async () => {
    await call(emulator, UNIX, { query: { action: 'list' } });
    await admin(emulator, 'PATCH', 'config', { require_host_record: true });
    await view('faults');
    await page.locator('tbody tr', { hasText: UNIX }).waitFor();
    // Applying other settings keeps the ones the form shows, as they are.
    expect(await page.getByLabel('Require host records (Unix or Windows)').isChecked()).toBe(true);
    await page.getByLabel('Enforce rate limits').check();
    await page.getByLabel('Calls per window').fill('1');
    await page.getByRole('button', { name: 'Apply settings' }).click();
    await eventually(async () => (await admin(emulator, 'GET', 'config')).json.rate_limit).toMatchObject({ enforce: true, limit: 1 });
    expect((await admin(emulator, 'GET', 'config')).json.require_host_record).toBe(true);
    try {
      await call(emulator, UNIX, { query: { action: 'list' } });
      expectError(await call(emulator, UNIX, { query: { action: 'list' } }), 409, '1965', /./);
    } finally {
      await admin(emulator, 'PATCH', 'config', { rate_limit: { enforce: false, limit: 300 }, require_host_record: false });
    }
  });

  it("sets a user's account state, which the next API call is answered with", async () => {
    await view('faults');
    const state = page.getByLabel(`Account state of ${USER.login}`);
    await state.selectOption('expired');
    await eventually(async () => (await admin(emulator, 'GET', 'accounts')).json.accounts[0].state).toBe('expired');
    expectError(await call(emulator, UNIX, { query: { action: 'list' } }), 200, '2001', 'This account has expired.');
    expect(await accessibilityProblems()).toEqual([]);
    await state.selectOption('active');
    await eventually(async () => (await call(emulator, UNIX, { query: { action: 'list' } })).root.name).toBe('AUTH_UNIX_LIST_OUTPUT');
  });

  it('lists the tool runs', async () => {
    await view('tools');
    await eventually(() => page.locator('main').textContent()).toContain('No tool has run yet');
    const run = await postTool(emulator, 'kube-bench', { targets: 'master,node' });
    expect(run.status).toBe(200);
    expect(run.json.summary).toMatchObject({ pass: 4, fail: 0, warn: 2, info: 2 });
    const row = page.locator('tbody tr', { hasText: 'kube-bench' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'kube-bench',
      run.json.timestamp,
      USER.login,
      '0',
      'no',
      String(run.json.execution_time),
      Object.entries(run.json.summary ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      run.json.command,
    ]);
    await screenshot('tools', [row.locator('td').last()]);
    expect(await accessibilityProblems()).toEqual([]);
  });

  it("shows the networks, the subscription's IPs as kept and the excluded IPs with their changes", async () => {
    await emulator.seed({
      records: [],
      networks: [{ name: 'Lab' }],
      ips: [{ ips: '10.0.0.0/8', enable_vm: 1, owner: 'alice', network_id: 1 }],
      excluded_ips: [{ ips: '10.9.9.0/24', comment: 'printers', expiry_days: 3 }],
    });
    await view('assets');
    await page.locator('td', { hasText: 'Lab' }).waitFor();
    const ipRow = page.locator('tbody tr', { hasText: '10.0.0.0-10.255.255.255' });
    expect(await ipRow.locator('td').allTextContents()).toEqual(['1', '10.0.0.0-10.255.255.255', 'IP', 'VM', 'alice', '', '', '', '']);
    await page.locator('tbody tr', { hasText: 'printers' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('The networks feature is on');
    await screenshot('assets');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it("shows the scanner appliances, the option profiles (Qualys's own among them) and the asset groups", async () => {
    await emulator.seed({
      records: [],
      ips: [{ ips: '10.1.0.0/24', enable_vm: 1 }],
      appliances: [{ name: 'scanner-lab', type: 'physical', status: 'Online' }],
      asset_groups: [{ title: 'Lab hosts', ips: '10.1.0.5-10.1.0.9,10.1.0.20', appliance_ids: 1 }],
    });
    await view('assets');
    const row = page.locator('tbody tr', { hasText: 'scanner-lab' });
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(1, 4)).toEqual(['scanner-lab', 'physical', 'Online']);
    await page.locator('tbody tr', { hasText: 'Initial Options' }).waitFor();
    const group = page.locator('tbody tr', { hasText: 'Lab hosts' });
    await group.waitFor();
    expect((await group.locator('td').allTextContents()).slice(1, 5)).toEqual(['Lab hosts', '0', '10.1.0.5-10.1.0.9, 10.1.0.20', '1']);
    expect(await accessibilityProblems()).toEqual([]);
  });

  it("shows the hosts filtered as the host list filters them, and a host's detections", async () => {
    await emulator.seed({
      records: [],
      ips: [{ ips: '10.2.0.0/24', enable_vm: 1 }],
      hosts: [
        {
          ip: '10.2.0.1',
          os: 'Windows Server 2019',
          dns: 'win.example',
          detections: [{ qid: 38173, severity: 3, status: 'Active', port: 443, protocol: 'tcp' }],
        },
        { ip: '10.2.0.2', os: 'Ubuntu Linux 22.04', detections: [] },
      ],
    });
    await view('hosts');
    await page.locator('tbody tr', { hasText: 'win.example' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);
    await page.getByLabel('OS pattern').fill('^Ubuntu');
    await page.getByRole('button', { name: 'Filter' }).click();
    await eventually(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('OS pattern').fill('');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('tbody tr', { hasText: 'win.example' }).getByRole('button', { name: '1' }).click();
    const detection = page.locator('tbody tr', { hasText: '38173' });
    await detection.waitFor();
    expect((await detection.locator('td').allTextContents()).slice(1, 6)).toEqual(['38173', 'Confirmed', '3', '443/tcp', 'Active']);
    await screenshot('hosts');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('shows the KnowledgeBase, searched by QID or title and by severity', async () => {
    await emulator.seed({
      records: [],
      knowledge_base: [
        { qid: 38170, severity_level: 2, title: 'SSH server weak MAC', cve_list: [{ id: 'CVE-2008-5161', url: '' }] },
        { qid: 105015, severity_level: 4, title: 'TLS weak cipher suites', patchable: 1 },
      ],
    });
    await view('knowledge-base');
    await page.locator('tbody tr', { hasText: 'SSH server weak MAC' }).waitFor();
    expect((await page.locator('tbody tr', { hasText: '38170' }).locator('td').allTextContents()).slice(0, 7)).toEqual([
      '38170',
      '2',
      'Vulnerability',
      'SSH server weak MAC',
      '',
      'no',
      'CVE-2008-5161',
    ]);
    await page.getByLabel('QID or title').fill('cipher');
    await eventually(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('QID or title').fill('');
    await page.getByLabel('Severity').selectOption('2');
    await eventually(() => page.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('SSH server weak MAC')]);
    await screenshot('knowledge-base');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('shows the scans, each moved on by its Step button and ended by Error, and the scheduled scans', async () => {
    // only the buttons move the scans; a reset keeps runtime settings, so the default comes back after
    await admin(emulator, 'PATCH', 'config', { scan_step_seconds: 0 });
    try {
      await emulator.seed({
        records: [],
        ips: [{ ips: '10.1.0.0/24', enable_vm: 1 }],
        scans: [{ ip: '10.1.0.1-10.1.0.2', option_title: 'Initial Options', scan_title: 'Nightly' }],
        scan_schedules: [
          {
            scan_title: 'Weekly',
            active: 1,
            ip: '10.1.0.1',
            option_title: 'Initial Options',
            frequency_weeks: 1,
            weekdays: 'monday',
            start_hour: 1,
            start_minute: 0,
            time_zone_code: 'GB',
          },
        ],
      });
      await view('scans');
      const row = page.locator('tbody tr', { hasText: 'Nightly' });
      await row.waitFor();
      const cells = async () => (await row.locator('td').allTextContents()).slice(4, 7);
      expect(await cells()).toEqual(['Queued', 'no', '']);
      await row.getByRole('button', { name: 'Step' }).click();
      await eventually(cells).toEqual(['Running', 'no', '']);
      await row.getByRole('button', { name: 'Error' }).click();
      await eventually(cells).toEqual(['Error', 'no', '']);
      await page.locator('tbody tr', { hasText: 'Weekly' }).waitFor();
      await screenshot('scans');
      expect(await accessibilityProblems()).toEqual([]);
    } finally {
      await admin(emulator, 'PATCH', 'config', { scan_step_seconds: 2 });
    }
  });

  it('resets after a confirmation, and seeds from a file', async () => {
    await call(emulator, UNIX, { form: { action: 'create', title: 'doomed', ips: '10.0.0.1', username: 'u', skip_password: '1' } });
    await view('records');
    await page.locator('tbody tr', { hasText: 'doomed' }).waitFor();
    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await admin(emulator, 'GET', 'records')).json.types.find((t) => t.name === 'unix')?.count).toBe(1);
    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.locator('dialog').getByRole('button', { name: 'Reset' }).click();
    await eventually(() => page.locator('main').textContent()).toContain('No records yet');
    expect((await admin(emulator, 'GET', 'records')).json.types.every((t) => t.count === 0)).toBe(true);

    const seed = {
      vaults: [{ title: 'pam', type: 'CyberArk AIM', url: 'https://pam.example', appid: 'app' }],
      records: [{ type: 'unix', title: 'seeded', ips: '10.1.1.1', username: 'u', skip_password: 1 }],
    };
    await page.locator('#seed-file').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(seed)) });
    expect(await page.locator('dialog p').textContent()).toContain('Create the 1 vault(s) and 1 record(s) of seed.json?');
    await page.locator('dialog').getByRole('button', { name: 'Seed' }).click();
    await page.locator('tbody tr', { hasText: 'seeded' }).waitFor();
    expect(await page.locator('#status').textContent()).toContain('Created 1 vault(s) and 1 record(s) from seed.json');
  });

  it('works from the keyboard: views, record detail, and back', async () => {
    await call(emulator, UNIX, { form: { action: 'create', title: 'keys', ips: '10.0.0.1', username: 'u', skip_password: '1' } });
    await view('records');
    await page.locator('tbody tr').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Records');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('main h2').textContent()).toBe('Assets');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.locator('tbody tr').waitFor();
    const idButton = page.locator('tbody tr').getByRole('button');
    await idButton.focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog pre').waitFor();
    await page.keyboard.press('Escape');
    await eventually(() => page.evaluate(() => document.activeElement?.textContent)).toBe('1');
  });
});
