import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { EmulatorHandle } from '../../src/index.js';
import { AUTH, startTestEmulator, USER } from '../helpers/emulator.js';
import { listening, runProgram } from '../helpers/program.js';
import { FAKES, postTool, startToolTestBed } from './helpers.js';

const bed = await startToolTestBed();
const scratch = mkdtempSync(join(tmpdir(), 'qe-outdir-'));
// The other user must reach the shared directory below.
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An emulator whose kube-bench writes under `toolOutputDir`. */
const emulatorOn = (toolOutputDir: string) =>
  startTestEmulator({ kubeBenchBin: join(FAKES, 'kube-bench'), dockerBenchBin: join(FAKES, 'docker-bench-security'), toolOutputDir });

const refusal = (dir: string, why: RegExp) =>
  expect.stringMatching(
    new RegExp(`^Server error: the tool output directory ${dir} is not safe to use: ${why.source}; nothing was run \\(see --tool-output-dir\\)$`),
  );

async function expectRefused(emulator: EmulatorHandle, dir: string, why: RegExp): Promise<void> {
  const before = readdirSync(dir);
  const res = await postTool(emulator, 'kube-bench', { targets: 'node' });
  expect(res.status).toBe(500);
  expect(res.json).toEqual({ error: refusal(dir, why) });
  expect(bed.runs()).toEqual([]);
  expect(readdirSync(dir)).toEqual(before);
}

/** Root can act as a second local user; elsewhere these tests say why they are skipped. */
function secondUser(): { uid: number; gid: number } | string {
  if (process.getuid?.() !== 0) return 'not running as root, so no second user can be played';
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }));
    return { uid, gid };
  } catch {
    return 'setpriv or the nobody user is missing';
  }
}
const other = secondUser();
if (typeof other === 'string') console.log(`skipping the second-user output directory tests: ${other}`);

describe('the tool output directory', () => {
  it('is created owner-only (0700) when missing, and so is each run directory', async () => {
    const dir = join(scratch, 'fresh', 'tools');
    const emulator = await emulatorOn(dir);
    const r = (await postTool(emulator, 'kube-bench', { targets: 'node' })).json;
    expect(r.success).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(dirname(r.output_file)).mode & 0o777).toBe(0o700);
    expect(dirname(dirname(r.output_file))).toBe(dir);
  });

  it('is refused when others can write to it, though it is ours', async () => {
    const dir = join(scratch, 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    await expectRefused(await emulatorOn(dir), dir, /others can write to it \(mode 0777\)/);
  });

  it('is refused under a parent others can write to without the sticky bit', async () => {
    const parent = join(scratch, 'open-parent');
    mkdirSync(join(parent, 'tools'), { recursive: true });
    chmodSync(join(parent, 'tools'), 0o700);
    chmodSync(parent, 0o777);
    await expectRefused(
      await emulatorOn(join(parent, 'tools')),
      join(parent, 'tools'),
      new RegExp(`its parent ${parent} is writable by others without the sticky bit \\(mode 0777\\)`),
    );
  });
});

describe.skipIf(typeof other === 'string')('the tool output directory made first by another local user', () => {
  const { uid, gid } = other as { uid: number; gid: number };
  // A shared, sticky directory like /tmp, where the other user gets there first.
  const shared = join(scratch, 'shared');
  mkdirSync(shared);
  chmodSync(shared, 0o1777);
  const asOther = (...command: string[]) => execFileSync('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', ...command]);

  it('is refused, mode 0777 or not, and nothing runs', async () => {
    const taken = join(shared, 'qualys-emulator-tools');
    asOther('mkdir', '-m', '0777', taken);
    expect(statSync(taken).uid).toBe(uid);
    await expectRefused(await emulatorOn(taken), taken, new RegExp(`it belongs to uid ${uid}, not to this process's uid 0`));
    const tidy = join(shared, 'tidy');
    asOther('mkdir', '-m', '0700', tidy);
    await expectRefused(await emulatorOn(tidy), tidy, new RegExp(`it belongs to uid ${uid}, not to this process's uid 0`));
  });

  it('is refused when it is a symlink the other user planted, though it leads to a directory of ours', async () => {
    // Ours and 0700, but the other user chose it: a chosen output file would overwrite a file in it.
    const ours = join(scratch, 'ours');
    mkdirSync(ours, { mode: 0o700 });
    writeFileSync(join(ours, 'settings.json'), '{"keep": true}');
    const planted = join(shared, 'planted-tools');
    asOther('ln', '-s', ours, planted);
    const emulator = await emulatorOn(planted);
    const res = await postTool(emulator, 'docker-bench-security', { output_file: 'settings' });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: refusal(planted, new RegExp(`${planted} is a symlink of uid ${uid}, who could point it elsewhere`)) });
    await expectRefused(emulator, planted, new RegExp(`${planted} is a symlink of uid ${uid}, who could point it elsewhere`));
    expect(bed.runs()).toEqual([]);
    expect(readdirSync(ours)).toEqual(['settings.json']);
    expect(readFileSync(join(ours, 'settings.json'), 'utf8')).toBe('{"keep": true}');
  });

  it('is refused when the other user owns a parent, who could rename it', async () => {
    const theirs = join(shared, 'theirs');
    asOther('mkdir', '-m', '0755', theirs);
    const dir = join(theirs, 'tools');
    mkdirSync(dir, { mode: 0o700 });
    await expectRefused(await emulatorOn(dir), dir, new RegExp(`its parent ${theirs} belongs to uid ${uid}, who could rename it`));
    expect(existsSync(dir)).toBe(true);
  });
});

// The program in a child process: where creating the directory never returned, the test's own
// event loop would have stalled with it.
describe.skipIf(!existsSync('/proc/self'))('an output directory that cannot be created', () => {
  it('answers 500 saying so, at once, and the server keeps serving', async () => {
    const dir = '/proc/qualys-emulator-test/tools';
    const p = runProgram([
      '--port',
      '0',
      '--db',
      ':memory:',
      '--user',
      `${USER.login}:${USER.password}`,
      '--kube-bench-bin',
      join(FAKES, 'kube-bench'),
      '--tool-output-dir',
      dir,
    ]);
    try {
      const url = await listening(p);
      const res = await fetch(`${url}/api/tools/kube-bench`, {
        method: 'POST',
        headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(5000),
      });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        error: `Server error: the tool output directory ${dir} cannot be created (ENOENT); nothing was run (see --tool-output-dir)`,
      });
      expect((await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
    } finally {
      p.child.kill('SIGKILL');
    }
  });
});
