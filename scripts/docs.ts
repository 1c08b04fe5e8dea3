/** `npm run docs`: rewrites the generated documentation: the options table of docs/configuration.md, and docs/record-types.md. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { RECORD_TYPES } from '../src/auth-records/types/index.js';
import { withOptionsTable } from './configuration-doc.js';
import { recordTypesDoc } from './record-types-doc.js';

const configuration = join(PACKAGE_ROOT, 'docs', 'configuration.md');
writeFileSync(configuration, withOptionsTable(readFileSync(configuration, 'utf8')));
console.log(`wrote ${configuration}`);
const recordTypes = join(PACKAGE_ROOT, 'docs', 'record-types.md');
writeFileSync(recordTypes, recordTypesDoc(RECORD_TYPES));
console.log(`wrote ${recordTypes}`);
