import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * Where a worker thread's module of `src/db/` is as tsc compiled it, under the package root:
 * Node 20 cannot run TypeScript itself, and vitest compiles the modules it imports but not a
 * worker thread's. So the sources (under vitest) and the built package (`npm start`, the
 * `qualys-emulator` bin) start the same file, which `npm test` builds before any test runs.
 * Undefined before a build (only the sources run then: unit tests, which need no thread), said
 * once per process and module on stderr.
 */
export function compiledWorker(module: string, without: string): string | undefined {
  const file = join(PACKAGE_ROOT, 'dist', 'src', 'db', `${module}.js`);
  if (existsSync(file)) return file;
  if (!warned.has(module)) {
    warned.add(module);
    console.error(`qualys-emulator: ${without} until ${file} is built (npm run build)`);
  }
  return undefined;
}

const warned = new Set<string>();
