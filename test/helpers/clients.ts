import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { USER } from './emulator.js';

/**
 * The third-party clients are not in this repository (test/clients/README.md): each test finds
 * its client in QUALYS_CLIENTS_DIR, one folder per client named as in the README, or, for a
 * Python client, installed where the interpreter imports it.
 */
const CLIENTS_DIR = process.env.QUALYS_CLIENTS_DIR;

/** The copy of a client in QUALYS_CLIENTS_DIR, or undefined. */
export function clientCopy(name: string): string | undefined {
  const dir = CLIENTS_DIR && join(CLIENTS_DIR, name);
  return dir && existsSync(dir) ? dir : undefined;
}

/** Where the drivers are: each runs one client unchanged and prints what it saw as JSON. */
export const DRIVERS = join(PACKAGE_ROOT, 'test', 'clients');

const PYTHONS = [process.env.QUALYS_CLIENTS_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));

export interface PythonClient {
  /** Runs a driver (a path under test/clients/) with `env` added; resolves with the JSON it printed last. */
  run(driver: string, env: Record<string, string>): Promise<unknown>;
}

/**
 * A Python interpreter that imports `modules` (the client and what it needs) with the client's
 * copy, if any, on its path; or why there is none, to say where the tests are skipped.
 */
export function pythonClient(name: string, modules: readonly string[]): PythonClient | string {
  const copy = clientCopy(name);
  const env = { ...process.env, ...(copy ? { PYTHONPATH: copy } : {}) };
  const python = PYTHONS.find((p) => {
    try {
      execFileSync(p, ['-c', `import ${modules.join(', ')}`], { env, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (python === undefined) {
    return `no ${PYTHONS.join(' or ')} imports ${modules.join(', ')}${copy ? ` with ${copy} on its path` : ` (QUALYS_CLIENTS_DIR/${name} not found)`}: see test/clients/README.md`;
  }
  return {
    async run(driver, added) {
      const { stdout } = await promisify(execFile)(python, [join(DRIVERS, driver)], { env: { ...env, ...added }, maxBuffer: 64 * 1024 * 1024 });
      return JSON.parse(stdout.trim().split('\n').at(-1)!);
    },
  };
}

/**
 * What a qualysapi driver needs to reach an emulator on `port` over HTTPS (the only scheme the
 * client builds) as the test user, trusting the certificate in `certFile` alone.
 */
export const qualysapiEnv = (port: number, certFile: string): Record<string, string> => ({
  QUALYS_HOST: `127.0.0.1:${port}`,
  QUALYS_USER: USER.login,
  QUALYS_PASSWORD: USER.password,
  REQUESTS_CA_BUNDLE: certFile,
});
