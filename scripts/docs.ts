/** `npm run docs`: rewrites the generated documentation: the options table of docs/configuration.md, and each API family's pages. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { FAMILIES } from '../src/families.js';
import { withOptionsTable } from './configuration-doc.js';

const configuration = join(PACKAGE_ROOT, 'docs', 'configuration.md');
writeFileSync(configuration, withOptionsTable(readFileSync(configuration, 'utf8')));
console.log(`wrote ${configuration}`);
for (const page of FAMILIES.families.flatMap((f) => f.docs)) {
  const file = join(PACKAGE_ROOT, 'docs', page.file);
  writeFileSync(file, page.write());
  console.log(`wrote ${file}`);
}
