import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';

const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('shows the vitest example exactly as test/readme-example.test.ts runs it', () => {
    const example = readFileSync(join(PACKAGE_ROOT, 'test', 'readme-example.test.ts'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(example);
  });

  it('has every admin control in its table', () => {
    for (const control of ['POST /_emulator/reset', 'POST /_emulator/seed', 'GET /_emulator/requests', 'DELETE /_emulator/requests',
      'PUT /_emulator/faults', 'GET /_emulator/faults', 'DELETE /_emulator/faults', 'GET /_emulator/config', 'PATCH /_emulator/config']) {
      expect(readme).toContain(`\`${control}\``);
    }
  });
});
