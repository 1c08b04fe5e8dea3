import type { Db } from './sqlite-connection.js';

/**
 * Text folded for case-insensitive matching in every script, as the list filters promise:
 * `CAFÉ` and `Café` fold alike, `STRASSE` and `Straße` too. SQLite's lower() and LIKE fold ASCII
 * only, so the filtered columns are stored folded beside the originals (migrations/0003) and the
 * filter value is folded the same way. Lower, upper, lower again comes near Unicode's full case
 * folding (ß and ẞ to ss, ﬀ to ff); the final sigma, which lower case writes ς at a word's end
 * only, is folded to σ so that a substring matches wherever it stands.
 */
export function foldCase(text: string): string {
  return text.toLowerCase().toUpperCase().toLowerCase().replaceAll('ς', 'σ');
}

/** `foldCase` for SQL, as `fold_case(text)`: NULL stays NULL. */
export function registerFoldCase(db: Db): void {
  db.function('fold_case', { deterministic: true }, (text) => (typeof text === 'string' ? foldCase(text) : text));
}
