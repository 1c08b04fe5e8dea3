import { code, fieldTable, ruleText } from '../auth-records/record-types-doc.js';
import { VAULT_SETTINGS, VAULT_TYPE_RULES, VAULT_TYPES } from './vault-type.js';

/** docs/vaults.md, written whole from the vault declarations by `npm run docs`. */
export function vaultsDoc(): string {
  return [
    '# Vaults',
    '',
    '<!-- generated from src/vaults/vault-type.ts by `npm run docs`; edit there, not here -->',
    '',
    '`/api/2.0/fo/vault/`: `create` takes `title` and `type` (required), `comments` and these settings;',
    '`update` takes `id` and the same, never `type` ([api.md](api.md#vaults)). Types: ' + VAULT_TYPES.map(code).join(', ') + '.',
    '',
    ...fieldTable(VAULT_SETTINGS),
    '',
    'What a vault type needs, on create and on the vault an update leaves (other types are not checked):',
    '',
    ...Object.entries(VAULT_TYPE_RULES).flatMap(([name, rules]) => [`- ${code(name)}: ${rules.map(ruleText).join('; ')}.`]),
    '',
  ].join('\n');
}
