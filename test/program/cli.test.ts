import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listening, runProgram } from '../helpers/program.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runProgram;

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
