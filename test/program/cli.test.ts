import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
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

  it('fails every start with exit 1 and one line on stderr, whatever failed', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    const refusedSeed = join(dir, 'refused-seed.json');
    writeFileSync(refusedSeed, JSON.stringify({ records: [{ type: 'no-such-type', title: 't' }] }));
    const db = ['--db', ':memory:'];
    const failures: [string[], string][] = [
      [['--port', 'many'], '--port must be a whole number'],
      [['--nope'], 'unknown option "--nope"'],
      [['--tls-cert', 'c.pem', ...db], '--tls-cert and --tls-key must be given together'],
      [['--host', '0.0.0.0', '--port', '0', ...db], 'refusing to listen on 0.0.0.0 with the default credential'],
      [['--tls-cert', join(dir, 'none.pem'), '--tls-key', join(dir, 'none.pem'), '--port', '0', ...db], 'cannot read the TLS certificate'],
      [['--port', String(port), ...db], 'EADDRINUSE'],
      [['--db', dir, '--port', '0'], `cannot open the database ${dir}`],
      [['--seed', refusedSeed, '--port', '0', ...db], `--seed ${refusedSeed}`],
      // the conformance modes (the rest in test/unit/config.test.ts): credentials never in clear
      // text off this host, a URL that is one, a recording that is not ours
      [['--upstream', 'http://qualysapi.qualys.com', '--mode', 'compare', '--port', '0', ...db], '--upstream must be https:// unless it is a loopback address'],
      [['--upstream', 'https//qualysapi.qualys.com', '--mode', 'compare', '--port', '0', ...db], '--upstream must be a URL like https://qualysapi.qualys.com'],
      [
        ['--upstream', 'http://127.0.0.1:9', '--mode', 'record', '--record', refusedSeed, '--port', '0', ...db],
        `the recording ${refusedSeed} is not a HAR file this emulator wrote`,
      ],
    ];
    try {
      const runs = failures.map(([argv]) => run(argv));
      for (const [i, p] of runs.entries()) {
        const [argv, says] = failures[i];
        expect(await p.exited, argv.join(' ')).toBe(1);
        expect(p.out()).toBe('');
        expect(p.err(), argv.join(' ')).toMatch(/^qualys-emulator: [^\n]+\n$/);
        expect(p.err()).toContain(says);
      }
    } finally {
      busy.close();
    }
  });
});
