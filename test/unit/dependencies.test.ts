import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(join(PACKAGE_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(`${dir}/${e.name}`) : /\.(ts|js)$/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );
}

/** The npm packages the program loads at run time: values imported by src/ and bin/, not types. */
function runtimePackages(): Set<string> {
  const out = new Set<string>();
  for (const file of [...sources('src'), ...sources('bin')]) {
    const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
    const specifiers = [
      ...[...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]),
      ...[...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]),
    ];
    for (const spec of specifiers) {
      if (spec.startsWith('.') || spec.startsWith('node:')) continue;
      out.add(
        spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/'),
      );
    }
  }
  return out;
}

describe('package.json', () => {
  // `npm ci --omit=dev` installs only `dependencies`: what the program loads must be there, and
  // nothing else, so a production install carries no test-only package.
  it('lists as dependencies exactly the packages src/ and bin/ load at run time', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...runtimePackages()].sort());
  });
});
