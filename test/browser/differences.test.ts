import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AUTH, startTestEmulator } from '../helpers/emulator.js';
import { noBrowserReason, openBrowser } from '../helpers/browser.js';
import { standInUpstream, xmlAnswer } from '../helpers/stand-in-upstream.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 8000 });
/** The emulator's own user, whom the browser logs in as; the API calls carry the platform's credentials. */
const LOCAL = { login: 'local', password: 'l0cal-only' };

const UPSTREAM_LIST = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE AUTH_UNIX_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/auth/unix/auth_unix_list_output.dtd">
<AUTH_UNIX_LIST_OUTPUT><RESPONSE><DATETIME>2020-01-01T00:00:00Z</DATETIME><AUTH_UNIX_LIST><AUTH_UNIX><ID>1</ID><TITLE>t</TITLE><LOGIN_TYPE>basic</LOGIN_TYPE></AUTH_UNIX></AUTH_UNIX_LIST></RESPONSE></AUTH_UNIX_LIST_OUTPUT>
`;

if (noBrowserReason) console.warn(`Differences browser tests skipped: ${noBrowserReason}`);

describe.skipIf(noBrowserReason !== undefined)("the dashboard's Differences view in Chromium", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let upstream: Awaited<ReturnType<typeof standInUpstream>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;

  beforeAll(async () => {
    upstream = await standInUpstream();
    emulator = await startTestEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'compare' });
    browser = await openBrowser({ username: LOCAL.login, password: LOCAL.password });
    page = await browser.context.newPage();
  });
  afterAll(() => browser?.close());

  it('says how to start compare mode while nothing was compared, then lists each difference as it is found', async () => {
    await page.goto(`${emulator.url}/_emulator/ui/#differences`);
    await eventually(() => page.locator('main').textContent()).toContain('No call compared yet');
    expect(await page.locator('main button', { hasText: 'Clear the report' }).isDisabled()).toBe(true);

    upstream.answer(xmlAnswer(UPSTREAM_LIST));
    const res = await fetch(`${emulator.url}${UNIX}?action=list`, { headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' } });
    expect(res.status).toBe(200);
    const row = page.locator('tbody tr', { hasText: `GET ${UNIX}` });
    await row.waitFor();
    expect(await row.textContent()).toContain('/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/LOGIN_TYPE');
    expect(await row.textContent()).toContain('action=list');
    expect(await page.locator('main').textContent()).toContain('1 call(s) compared, 1 with a difference listed');

    await page.evaluate(AXE);
    const serious = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(serious).toEqual([]);
  });

  it('clears the report after a confirmation', async () => {
    await page.locator('main button', { hasText: 'Clear the report' }).click();
    await page.locator('dialog button', { hasText: /^Clear$/ }).click();
    await eventually(() => page.locator('main').textContent()).toContain('No call compared yet');
    await eventually(() => page.locator('#status').textContent()).toBe('Cleared 1 difference(s).');
  });
});
