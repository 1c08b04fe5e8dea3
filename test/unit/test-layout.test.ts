import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { LEVELS } from '../../vitest.config.js';

/** The folders of test/ that hold no tests of their own, only what tests share. */
const SUPPORT = ['fakes', 'fixtures', 'helpers'];

/**
 * What a unit test may not load (CONTRIBUTING.md, "Where a test goes"): anything that starts a
 * server, a process, a socket or a browser makes it a test of the level that does so.
 */
const NOT_UNIT = [
  /^\.\.\/helpers\/(emulator|program|browser|raw-http|http-request)\.js$/,
  /^node:(child_process|net|http|https|tls)$/,
  /^playwright-core$/,
  /^\.\.\/\.\.\/src\/(server|index)\.js$/,
];

/** The modules a file imports, statically or with `import()`. */
const importsOf = (text: string) => [...text.matchAll(/(?:^import [^']*|import\()'([^']+)'/gm)].map((m) => m[1]);

const TEST = join(PACKAGE_ROOT, 'test');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [relative(TEST, join(dir, e.name))] : [],
  );
}

describe('the folders of test/', () => {
  it('are the test levels and the support folders, nothing else', () => {
    const dirs = readdirSync(TEST, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(dirs.sort()).toEqual([...LEVELS, ...SUPPORT].sort());
  });

  it('hold every test file in a level folder, where `npm run test:LEVEL` finds it', () => {
    const misplaced = testFiles(TEST).filter((f) => !(LEVELS as readonly string[]).includes(f.split('/')[0]) || f.split('/').length < 2);
    expect(misplaced).toEqual([]);
  });

  it('keep in test/unit/ only tests that start no server, process, socket or browser', () => {
    const offenders = testFiles(join(TEST, 'unit')).flatMap((f) =>
      importsOf(readFileSync(join(TEST, 'unit', f.slice('unit/'.length)), 'utf8'))
        .filter((spec) => NOT_UNIT.some((re) => re.test(spec)))
        .map((spec) => `${f} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
