import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { AUTH, all, call, DOCKER, text, USER } from '../helpers/emulator.js';

/**
 * The npm package as a user gets it: `npm pack`, installed into an empty folder with its runtime
 * dependencies only, started with `npx qualys-emulator`, far from this repository so that it
 * can find nothing here.
 *
 * The install takes the runtime dependencies from npm's cache, which `npm ci` filled, at exactly
 * the versions of this repository's package-lock.json (the lockfile's entries minus the dev ones),
 * so it needs no network. Install scripts are skipped: better-sqlite3's would compile SQLite for
 * a minute and more; its compiled addon is copied from this repository's node_modules instead,
 * the version checked equal.
 */

const MANIFEST = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  bin: Record<string, string>;
};
const ADDON = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

const scratch = mkdtempSync(join(tmpdir(), 'qe-package-'));
const app = join(scratch, 'app');
let tarball = '';
let packed: string[] = [];

/** npm's own variables, set by `npm test`, would point the inner npm at this repository. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key) && !/^npm_config_(cache|registry|userconfig)$/i.test(key)) delete env[key];
  return env;
}

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A lockfile for a project depending on the tarball alone: this repository's entries, dev ones left out. */
function consumerLockfile(spec: string): object {
  const lock = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const runtime = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && entry.dev !== true);
  const { name, version, dependencies, bin } = MANIFEST;
  return {
    name: 'app',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', dependencies: { [name]: spec } },
      [`node_modules/${name}`]: { version, resolved: spec, dependencies, bin },
      ...Object.fromEntries(runtime),
    },
  };
}

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'src', 'main.js'))) throw new Error('no dist/: npm run build first (npm test and npm run test:program do)');
  // Packed from the dist/ that `npm test` built just before; prepack's own build would rewrite
  // dist/ under the tests that run the program at the same time.
  const [pack] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], PACKAGE_ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(scratch, pack.filename);
  packed = pack.files.map((f) => f.path);

  mkdirSync(app);
  const spec = `file:../${pack.filename}`;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, dependencies: { [MANIFEST.name]: spec } }));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(consumerLockfile(spec)));
  npm(['install', '--prefer-offline', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], app);

  const ours = (root: string) =>
    (JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
  if (ours(app) !== ours(PACKAGE_ROOT)) throw new Error(`better-sqlite3 ${ours(app)} installed, ${ours(PACKAGE_ROOT)} built here: run npm ci`);
  mkdirSync(dirname(join(app, ADDON)), { recursive: true });
  copyFileSync(join(PACKAGE_ROOT, ADDON), join(app, ADDON));
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the built program, its bins and the files it reads, and no sources or tests', () => {
    expect(existsSync(tarball)).toBe(true);
    for (const file of [
      'package.json',
      'README.md',
      'dist/src/main.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/package-root.js',
      'dist/src/db/checkpoint-worker.js',
      'dist/src/db/integrity-worker.js',
      'ui/index.html',
      'dtd/batch_return.dtd',
      'dtd/simple_return.dtd',
    ]) {
      expect(packed).toContain(file);
    }
    for (const bin of Object.values(MANIFEST.bin)) expect(packed).toContain(normalize(bin));
    expect(packed).toContain('bin/tool-supervisor.js');
    for (const dir of ['migrations', 'ui', 'dtd', 'docs']) {
      const here = readdirSync(join(PACKAGE_ROOT, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(PACKAGE_ROOT.length + 1));
      expect(
        here.filter((f) => !packed.includes(f)),
        dir,
      ).toEqual([]);
    }
    expect(packed.filter((f) => /^(src|test|scripts|bench\/.*\.ts|dist\/(test|bench|scripts))\b|\.map$|\.test\./.test(f))).toEqual([]);
  });

  it('holds every file its Markdown links to', () => {
    const missing = packed
      .filter((f) => f.endsWith('.md'))
      .flatMap((doc) =>
        [...readFileSync(join(PACKAGE_ROOT, doc), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
          .map((m) => m[1])
          .filter((target) => !/^[a-z]+:/.test(target))
          .map((target) => normalize(join(dirname(doc), target)))
          .filter((target) => !packed.includes(target) && !packed.some((f) => f.startsWith(`${target}/`)))
          .map((target) => `${doc} -> ${target}`),
      );
    expect(missing).toEqual([]);
  });

  it('installs with its runtime dependencies only', () => {
    for (const dep of Object.keys(MANIFEST.dependencies)) expect(existsSync(join(app, 'node_modules', dep)), dep).toBe(true);
    const lock = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.keys(MANIFEST.devDependencies).filter((dev) => lock.packages[`node_modules/${dev}`]?.dev === true);
    expect(devOnly).toContain('typescript');
    for (const dev of devOnly) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
  });
});

describe('npx qualys-emulator, installed from the package', () => {
  let child: ChildProcess;
  let url = '';
  let stderr = '';
  const tools = join(scratch, 'tools');
  const auth = { Authorization: AUTH, 'X-Requested-With': 'package test' };

  beforeAll(async () => {
    // Its own process group, so the npx wrapper and the program stop together; npm_config_yes=false
    // fails rather than fetch a package of that name should the install have no bin.
    child = spawn(
      'npx',
      [
        'qualys-emulator',
        '--port',
        '0',
        '--db',
        join(scratch, 'db.sqlite'),
        '--user',
        `${USER.login}:${USER.password}`,
        '--tool-output-dir',
        tools,
        '--docker-bench-bin',
        join(PACKAGE_ROOT, 'test', 'fakes', 'docker-bench-security'),
      ],
      { cwd: app, env: { ...npmEnv(), npm_config_yes: 'false' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stderr!.on('data', (d) => (stderr += d));
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        stdout += d;
        const match = /^Qualys emulator listening on (http:\/\/\S+)\n/.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
    });
  }, 30_000);

  afterAll(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  });

  it('serves the DTDs its answers name, from its own dtd/', async () => {
    for (const [path, file] of [
      ['/api/2.0/batch_return.dtd', 'dtd/batch_return.dtd'],
      ['/api/2.0/fo/auth/docker/auth_docker_list_output.dtd', 'dtd/fo/auth/docker/auth_docker_list_output.dtd'],
    ]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(readFileSync(join(app, 'node_modules', MANIFEST.name, file), 'utf8'));
    }
  });

  it('keeps records in a database its migrations made', async () => {
    const emulator = { url };
    expect((await call(emulator, DOCKER, { form: { action: 'create', title: 'from the package', ips: '10.0.0.1' } })).status).toBe(200);
    const list = await call(emulator, DOCKER, { query: { action: 'list' } });
    expect(all(list.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => text(r, 'TITLE'))).toEqual(['from the package']);
  });

  it('serves the dashboard from its own ui/', async () => {
    for (const file of ['', 'app.js', 'style.css']) {
      const res = await fetch(`${url}/_emulator/ui/${file}`, { headers: auth });
      expect(res.status, file).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(readFileSync(join(app, 'node_modules', MANIFEST.name, 'ui', file || 'index.html')));
    }
  });

  it('runs a tool through its own bin/tool-supervisor.js', async () => {
    const res = await fetch(`${url}/api/tools/docker-bench-security`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
    const body = (await res.json()) as { success: boolean; error?: string };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.success).toBe(true);
  });

  it('starts from code by its package name, as docs/controls.md shows', () => {
    const script = `import { startEmulator } from '${MANIFEST.name}';
      const e = await startEmulator({ port: 0 });
      const res = await fetch(e.url + '/api/2.0/simple_return.dtd');
      console.log(res.status);
      await e.close();`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' })).toBe('200\n');
  });

  it('reports its version on /health', async () => {
    const res = await fetch(`${url}/health`);
    expect(((await res.json()) as { version: string }).version).toBe(MANIFEST.version);
  });
});
