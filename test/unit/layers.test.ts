import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';

/**
 * The layers of src/, top first, as docs/architecture.md lists them: a module may import its own
 * folder and anything below it, never above, so no folder imports in a cycle.
 */
const LAYERS = [
  'main.ts',
  'index.ts',
  'server.ts',
  'xml-validation.ts',
  'app.ts',
  'families.ts',
  'controls',
  'conformance',
  'tools',
  'http',
  'session',
  'scan-schedules',
  'scans',
  'hosts',
  'knowledge-base',
  'asset-groups',
  'option-profiles',
  'appliances',
  'vaults',
  'auth-records',
  'excluded-ips',
  'asset-ips',
  'networks',
  'api-family.ts',
  'qualys',
  'db',
  'settings',
  'host-names.ts',
  'random.ts',
  'make-directories.ts',
  'package-root.ts',
];

const SRC = join(PACKAGE_ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** A module's layer: its folder under src/, or its own name at the top. */
const layerOf = (file: string) => relative(SRC, file).split('/')[0];

/** Every relative import of a file, static, type-only or dynamic, as `importer -> imported` layers. */
function importsOf(file: string): { from: string; to: string; line: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map(([line, spec]) => ({
    from: layerOf(file),
    to: layerOf(resolve(dirname(file), spec.replace(/\.js$/, '.ts'))),
    line: `${relative(PACKAGE_ROOT, file)}: ${line}`,
  }));
}

describe('the layers of src/', () => {
  const files = sources(SRC);

  it('are each listed once', () => {
    expect([...new Set(files.map(layerOf))].sort()).toEqual([...LAYERS].sort());
  });

  it('import only their own folder or a layer below', () => {
    const imports = files.flatMap(importsOf);
    expect(imports.length).toBeGreaterThan(100);
    const up = imports.filter(({ from, to }) => from !== to && LAYERS.indexOf(to) < LAYERS.indexOf(from)).map((i) => i.line);
    expect(up).toEqual([]);
  });
});
