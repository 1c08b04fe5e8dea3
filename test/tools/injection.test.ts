import { afterAll, describe, expect, it } from 'vitest';
import { rmSync, linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AUTH } from '../helpers/emulator.js';
import { postTool, startToolTestBed } from './helpers.js';

const outside = mkdtempSync(join(tmpdir(), 'qe-outside-'));
const allowedConfig = mkdtempSync(join(tmpdir(), 'qe-kube-cfg-'));
const bed = await startToolTestBed({ kubeBenchConfigDirs: [allowedConfig] });

// Symlinks and a hard link inside the output directory that lead out of it.
mkdirSync(bed.outputDir, { recursive: true });
symlinkSync(join(outside, 'victim.log'), join(bed.outputDir, 'link.log'));
symlinkSync(outside, join(bed.outputDir, 'linkdir'));
writeFileSync(join(outside, 'hard.log'), '');
linkSync(join(outside, 'hard.log'), join(bed.outputDir, 'hard.log'));
writeFileSync(join(bed.outputDir, 'ok.log'), '');
symlinkSync(join(outside, 'victim.json'), join(bed.outputDir, 'ok.log.json'));

const SHELL = ['; whoami', '&& whoami', '$(whoami)', '`whoami`', '\nwhoami', '| id', '> /tmp/pwned'];
const around = (good: string) => SHELL.flatMap((bad) => [good + bad, bad]);

const KUBE: Record<string, unknown[]> = {
  targets: [...around('master'), ['master', 'node;id'], 'master,-c whoami', '--config-dir=/tmp', 'all', 7, { a: 1 }],
  version: [...around('1.27'), '-c whoami', '--config-dir=/tmp', '1.27 --config-dir /tmp', '../1.27', 1.27, true],
  benchmark: [...around('cis-1.9'), '-c whoami', '../cis-1.9', '/etc/kubernetes/cis-1.9', 'cis 1.9', ['cis-1.9']],
  config_dir: [...around(allowedConfig), '/tmp', '/', '/etc/kubernetes', `${allowedConfig}x`, '../config', '-c whoami', '--config-dir', 1],
  output_format: [...around('json'), 'yaml', '--json', 'json --config-dir /tmp', 'JSON'],
  additional_args: [
    ...around('--nototals'),
    '-c whoami',
    '--check whoami',
    '--config-dir /tmp',
    '--config-dir=/tmp',
    '--outputfile /tmp/x',
    '--check 1.1 ; id',
    '--check "1.1;id"',
    '--exit-code $(id)',
    '--exit-code',
    "'--nototals;id'",
    '--targets master',
    '--version 1.27',
    '--benchmark cis-1.9',
    'run',
    'whoami',
    '-v',
    '-v -1',
    '--nototals=true',
    '"unterminated',
    "'unterminated",
    'trailing\\',
    '--check ../1',
    '--skip /etc/passwd',
    '--json',
    '--junit',
    '-c -v',
    ['--nototals'],
  ],
};

const DOCKER: Record<string, unknown[]> = {
  checks: [...around('check_2_2'), 'whoami', 'rm -rf /', '-c whoami', 'check_2_2 check_2_3', 'check_../x', '/bin/sh', 'check_2_2,id', ['check_2_2', 'id'], 5],
  exclude: [...around('check_5_31'), 'whoami', '-l /tmp/x', 'all;id', ['cis', '$(id)']],
  output_file: [
    ...around('out.log'),
    '../x.log',
    'a/../../x.log',
    '..',
    '.',
    '/etc/passwd',
    '/tmp/x.log',
    join(outside, 'x.log'),
    `${bed.outputDir}/../x.log`,
    '-c whoami',
    'x y.log',
    '.hidden',
    'link.log',
    'linkdir/x.log',
    'hard.log',
    'ok.log',
    'missing-dir/x.log',
    'a\\b',
    42,
    // longer than a file name may be (ENAMETOOLONG answered 500), or than the path may be
    'a'.repeat(300),
    'a'.repeat(251),
    `${'a'.repeat(300)}/x.log`,
    `${'d'.repeat(200)}/`.repeat(5) + 'x.log',
    'a'.repeat(1025),
  ],
  additional_args: [
    ...around('-b'),
    '-c whoami',
    '-c check_2_2',
    '-e check_2_2',
    '-l /tmp/x',
    '-l out.log',
    '-u $(id)',
    '-u -c',
    '-u',
    '-n abc',
    '-n',
    '-h',
    '-bp',
    '-uroot',
    '-u "a b"',
    '-t env=a;id',
    '--help',
    'whoami',
    '-i `id`',
    '-x $HOME',
  ],
};

const cases = (tool: string, fields: Record<string, unknown[]>) =>
  Object.entries(fields).flatMap(([field, values]) => values.map((value) => [tool, field, value] as const));

afterAll(() => {
  for (const dir of [outside, allowedConfig]) rmSync(dir, { recursive: true, force: true });
});

describe('injection attempts are refused with 400 naming the field, and nothing runs', () => {
  it.each([...cases('kube-bench', KUBE), ...cases('docker-bench-security', DOCKER)])('%s %s=%j', async (tool, field, value) => {
    const res = await postTool(bed.emulator, tool, { [field]: value });
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error).toMatch(new RegExp(`^${field}: `));
    expect(bed.runs()).toEqual([]);
  });

  it('refuses version and benchmark together', async () => {
    const res = await postTool(bed.emulator, 'kube-bench', { version: '1.27', benchmark: 'cis-1.9' });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('benchmark: cannot be given together with version');
    expect(bed.runs()).toEqual([]);
  });

  it.each([
    ['kube-bench', { command: 'id' }],
    ['kube-bench', { targets: 'master', cmd: 'id' }],
    ['docker-bench-security', { targets: 'master' }],
  ])('refuses unknown fields: %s %j', async (tool, body) => {
    const res = await postTool(bed.emulator, tool, body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/^unknown field\(s\): .* \(allowed: /);
    expect(bed.runs()).toEqual([]);
  });

  it.each([
    ['[]', 'application/json'],
    ['["run"]', 'application/json'],
    ['"run"', 'application/json'],
    ['1', 'application/json'],
    ['null', 'application/json'],
    ['{"targets": ', 'application/json'],
    ['targets=master', 'application/x-www-form-urlencoded'],
    ['{"targets": "master"}', 'text/plain'],
  ])('refuses the body %j (%s)', async (raw, contentType) => {
    // X-Requested-With: a body that is not JSON is refused as such, not as a cross-site request
    const res = await postTool(bed.emulator, 'kube-bench', undefined, { raw, contentType, headers: { 'X-Requested-With': 'x' } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/body/);
    expect(bed.runs()).toEqual([]);
  });

  it('refuses a body larger than --max-body with 413, in JSON', async () => {
    const raw = JSON.stringify({ additional_args: ' '.repeat(bed.emulator.config.maxBody) });
    const res = await postTool(bed.emulator, 'kube-bench', undefined, { raw });
    expect(res.status).toBe(413);
    expect(bed.runs()).toEqual([]);
  });
});

describe('tool request bodies and their Content-Encoding', () => {
  const post = async (encoding: string, body: BodyInit) => {
    const res = await fetch(`${bed.emulator.url}/api/tools/kube-bench`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json', 'Content-Encoding': encoding },
      body,
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, json: await res.json() };
  };

  it('decodes a gzip body before reading its fields', async () => {
    const res = await post('gzip', new Uint8Array(gzipSync('{"targets": "node"}')));
    expect(res.status).toBe(200);
    expect(res.json.argv.slice(0, 3)).toEqual(['run', '--targets', 'node']);
  });

  it('refuses bytes that do not match their encoding with 400 and an unknown encoding with 415, running nothing', async () => {
    for (const [encoding, status] of [
      ['gzip', 400],
      ['deflate', 400],
      ['br', 400],
      ['bogus', 415],
    ] as const) {
      const res = await post(encoding, '{"targets": "node"}');
      expect(res.status, encoding).toBe(status);
      expect(res.json).toEqual({ error: expect.stringMatching(/^Request body could not be read: /) });
    }
    expect(bed.runs()).toEqual([]);
  });

  it('refuses a body that decodes to more than --max-body with 413', async () => {
    const raw = JSON.stringify({ additional_args: ' '.repeat(bed.emulator.config.maxBody) });
    const res = await post('gzip', new Uint8Array(gzipSync(raw)));
    expect(res.status).toBe(413);
    expect(bed.runs()).toEqual([]);
  });
});
