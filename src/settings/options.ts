/**
 * Flags and environment variables: a pure function reads the environment, then argv, into a
 * `Config`; `--help` and the table of docs/configuration.md (`npm run docs`) list the same
 * options. Each comes from a setting's declaration (settings.ts), an alias from its older name.
 */
import type { Kind } from './kinds.js';
import { ConfigError, configProblem, type Config, DECLARED, DEFAULTS, type Key } from './config.js';
import type { Setting } from './setting.js';

/** A flag and its environment variable. */
export interface Option {
  flag: string;
  env: string;
  /** Its argument in `--help`; none for a switch. */
  arg?: string;
  description: string;
  /** The setting it gives a value. */
  key: Key;
  kind: Kind<unknown>;
  repeatable: boolean;
}

/** A declaration's description, its default written in. */
const described = ({ description, kind, default: value }: Setting<unknown>) =>
  value === undefined ? description : description.replace('{default}', kind.show(value));

export const OPTIONS: readonly Option[] = DECLARED.flatMap(({ key, setting }) => {
  const option: Option = {
    flag: setting.flag,
    env: setting.env,
    arg: setting.kind.arg,
    description: described(setting),
    key,
    kind: setting.kind,
    repeatable: setting.repeatable === true,
  };
  const { alias } = setting;
  return alias ? [option, { ...option, flag: alias.flag, env: alias.env, description: `Alias of ${setting.flag}.` }] : [option];
});

export type LoadResult = { kind: 'config'; config: Config } | { kind: 'help'; text: string };

/** Reads the environment first, then argv, so a flag overrides its variable. */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LoadResult {
  const given: Partial<Record<Key, unknown>> = {};
  /** Gives the option's setting the value of `text`; `adding` to the values a repeatable one has. */
  const take = (option: Option, text: string | undefined, name: string, adding: boolean) => {
    const value = option.kind.parse(name, text);
    given[option.key] = adding ? [...(given[option.key] as unknown[]), ...(value as unknown[])] : value;
  };
  for (const option of OPTIONS) {
    const text = env[option.env];
    if (text === undefined || text === '') continue;
    const texts = option.repeatable ? text.split(',') : [text];
    for (const [i, t] of texts.entries()) take(option, t.trim(), option.env, i > 0);
  }
  const fromArgv = new Set<Key>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--help' || word === '-h') return { kind: 'help', text: helpText() };
    const eq = word.indexOf('=');
    const flag = eq >= 0 ? word.slice(0, eq) : word;
    const option = OPTIONS.find((o) => o.flag === flag);
    if (!option) throw new ConfigError(`unknown option ${JSON.stringify(word)}; see --help`);
    let value: string | undefined = eq >= 0 ? word.slice(eq + 1) : undefined;
    if (value === undefined && option.arg) value = argv[++i];
    // A repeatable flag given on the command line replaces the variable's list rather than adding to it.
    take(option, value, flag, option.repeatable && fromArgv.has(option.key));
    fromArgv.add(option.key);
  }
  const config = { ...DEFAULTS, ...given } as Config;
  const problem = configProblem(config);
  if (problem) throw new ConfigError(problem);
  return { kind: 'config', config };
}

export function helpText(): string {
  const rows = OPTIONS.map((o) => {
    const left = `  ${o.flag}${o.arg ? ` ${o.arg}` : ''}`;
    return `${left.padEnd(33)} ${o.description}\n${''.padEnd(34)}env: ${o.env}`;
  });
  return [
    'Usage: qualys-emulator [options]',
    '',
    'A Qualys API v2 emulator for testing Qualys clients locally.',
    '',
    'Options:',
    ...rows,
    `  ${'--help'.padEnd(32)}Show this help.`,
    '',
  ].join('\n');
}
