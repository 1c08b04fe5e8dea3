/** `npm run docs`: rewrites the generated part of docs/configuration.md from src/config.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { withOptionsTable } from './configuration-doc.js';

const path = join(PACKAGE_ROOT, 'docs', 'configuration.md');
writeFileSync(path, withOptionsTable(readFileSync(path, 'utf8')));
console.log(`wrote ${path}`);
