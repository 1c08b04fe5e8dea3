import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium package, or the browser CHROMIUM names; never one downloaded for the tests. */
const CANDIDATES = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));

export const chromiumPath: string | undefined = CANDIDATES.find((p) => existsSync(p));

/** Why the browser tests cannot run here, printed where they are skipped; undefined when they can. */
export const noBrowserReason =
  chromiumPath === undefined ? `no Chromium at ${CANDIDATES.join(' or ')} (install Debian's chromium package, or set CHROMIUM)` : undefined;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A headless Chromium with a new empty profile that answers Basic challenges with `credentials`,
 * as a user who typed them into the browser's prompt. `close` also deletes the profile.
 */
export async function openBrowser(credentials?: { username: string; password: string }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'qualys-emulator-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ARGS,
    httpCredentials: credentials,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
