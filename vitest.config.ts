import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * One project per test level, each a folder of test/ (CONTRIBUTING.md says what goes where):
 * `npm run test:LEVEL` runs one alone, `npm test` all of them.
 */
export const LEVELS = ['unit', 'api', 'controls', 'security', 'tools', 'reliability', 'browser', 'clients', 'program'] as const;

export default defineConfig({
  // docs/controls.md's vitest example imports the package by name; in this repository that is src/.
  resolve: { alias: { 'qualys-emulator': fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    testTimeout: 20000,
    hookTimeout: 30000,
    projects: LEVELS.map((level) => ({ extends: true, test: { name: level, include: [`test/${level}/**/*.test.ts`] } })),
  },
});
