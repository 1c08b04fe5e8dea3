import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/package-root.js';

/** The real program, as `npm start` and the `qualys-emulator` bin run it (built by `npm test`). */
const BIN = join(PACKAGE_ROOT, 'bin', 'qualys-emulator.js');
const dir = mkdtempSync(join(tmpdir(), 'qe-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function listening(p: ReturnType<typeof run>): Promise<string> {
  for (let i = 0; i < 200 && !/listening on/.test(p.out()); i++) await new Promise((r) => setTimeout(r, 50));
  const match = /^Qualys emulator listening on (http:\/\/\S+)\n$/.exec(p.out());
  if (!match) throw new Error(`no listening line; stdout=${p.out()} stderr=${p.err()}`);
  return match[1];
}

const stop = async (child: ChildProcess, exited: Promise<number | null>) => {
  child.kill('SIGTERM');
  return exited;
};

describe('the qualys-emulator program', () => {
  it('prints one listening line, serves, and exits cleanly on SIGTERM', async () => {
    const p = run(['--port', '0', '--db', join(dir, 'a.sqlite')]);
    const url = await listening(p);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.err()).toContain('default credential qualys:qualys');
    const res = await fetch(`${url}/api/2.0/fo/auth/docker/?action=list`, {
      headers: { Authorization: 'Basic ' + Buffer.from('qualys:qualys').toString('base64'), 'X-Requested-With': 'cli test' },
    });
    expect(res.status).toBe(200);
    expect(await stop(p.child, p.exited)).toBe(0);
  });

  it('takes its options from the environment', async () => {
    const p = run([], { QUALYS_EMULATOR_PORT: '0', QUALYS_EMULATOR_DB: ':memory:', QUALYS_EMULATOR_USERS: 'env:pw' });
    const url = await listening(p);
    const res = await fetch(`${url}/api/2.0/fo/auth/docker/?action=list`, {
      headers: { Authorization: 'Basic ' + Buffer.from('env:pw').toString('base64'), 'X-Requested-With': 'cli test' },
    });
    expect(res.status).toBe(200);
    expect(p.err()).not.toContain('default credential');
    expect(await stop(p.child, p.exited)).toBe(0);
  });

  it('prints --help and exits 0', async () => {
    const p = run(['--help']);
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain('--port PORT');
    expect(p.out()).toContain('QUALYS_EMULATOR_DB');
  });

  it('refuses bad options with exit 2, and a public address with the default credential with exit 1', async () => {
    const bad = run(['--port', 'many']);
    expect(await bad.exited).toBe(2);
    expect(bad.err()).toContain('--port must be a whole number');
    const open = run(['--host', '0.0.0.0', '--port', '0', '--db', ':memory:']);
    expect(await open.exited).toBe(1);
    expect(open.err()).toContain('refusing to listen on 0.0.0.0 with the default credential');
  });
});
