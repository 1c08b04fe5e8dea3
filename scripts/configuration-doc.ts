import { tmpdir } from 'node:os';
import { OPTIONS } from '../src/settings/options.js';

/** The generated part of docs/configuration.md lies between these two lines. */
export const BEGIN = '<!-- options:begin: generated from the settings declared in src/settings/settings.ts by `npm run docs`; edit there, not here -->';
export const END = '<!-- options:end -->';

const cell = (text: string) => text.replaceAll('|', '\\|');

/**
 * The options table, as `--help` words it. Defaults that depend on the machine (the temporary
 * directory) are written as the variable they come from, so the file is the same everywhere.
 */
export function optionsTable(): string {
  const rows = OPTIONS.map((o) => {
    const flag = `\`${o.flag}${o.arg ? ` ${o.arg}` : ''}\``;
    return `| ${flag} | \`${o.env}\` | ${cell(o.description.replaceAll(tmpdir(), '$TMPDIR'))} |`;
  });
  return ['| flag | environment variable | meaning |', '|---|---|---|', ...rows, '| `--help`, `-h` | | Print this list and exit. |'].join('\n');
}

/** `doc` with its generated part replaced by the current table. */
export function withOptionsTable(doc: string): string {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`the markers ${BEGIN} and ${END} are missing`);
  return `${doc.slice(0, begin)}${BEGIN}\n${optionsTable()}\n${doc.slice(end)}`;
}
