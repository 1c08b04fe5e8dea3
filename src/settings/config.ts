/**
 * The emulator's configuration as the declarations of settings.ts make it: the `Config` type and
 * its slices, the defaults, and the checks a whole configuration passes. How flags and variables
 * become one is options.ts; which settings change at run time, runtime.ts.
 */
import { ConfigError, type User } from './kinds.js';
import type { Setting, ValueOf } from './setting.js';
import { DEFAULT_USER, SETTINGS } from './settings.js';

export { ConfigError, type User } from './kinds.js';
export { DEFAULT_USER, DURABILITIES, type Durability, type AnswerSide, type ConformanceMode } from './settings.js';

type Slices = typeof SETTINGS;
export type SliceName = keyof Slices;

/** A setting's name, which is its key in `Config`. */
export type Key = { [S in SliceName]: keyof Slices[S] }[SliceName];

/** The declaration of the setting named `K`. */
export type DeclarationOf<K> = { [S in SliceName]: K extends keyof Slices[S] ? Slices[S][K] : never }[SliceName];

/** The values of some declarations: always set when declared with a default, else optional. */
type ValuesOf<D> = Flat<
  { -readonly [K in keyof D as D[K] extends { default: unknown } ? K : never]: ValueOf<D[K]> } & {
    -readonly [K in keyof D as D[K] extends { default: unknown } ? never : K]?: ValueOf<D[K]>;
  }
>;
type Flat<T> = { [K in keyof T]: T[K] };

/** Every setting's value: what the emulator runs with. Each is described where it is declared (settings.ts). */
export type Config = ValuesOf<{ [K in Key]: DeclarationOf<K> }>;

/** The settings one part of the emulator reads, and only those. */
export type Slice<S extends SliceName> = ValuesOf<Slices[S]>;
export type ListenerSettings = Slice<'listener'>;
export type ToolSettings = Slice<'tools'>;
export type ConformanceSettings = Slice<'conformance'>;

/** Each declaration with its name, in the order of settings.ts. */
export const DECLARED: readonly { key: Key; setting: Setting<unknown> }[] = Object.values(SETTINGS).flatMap((settings) =>
  Object.entries(settings).map(([key, setting]: [string, Setting<unknown>]) => ({ key: key as Key, setting })),
);

export const DEFAULTS = Object.fromEntries(DECLARED.filter(({ setting }) => 'default' in setting).map(({ key, setting }) => [key, setting.default])) as Config;

/** The values of one slice of `config`. */
export function sliceOf<S extends SliceName>(config: Config, slice: S): Slice<S> {
  return Object.fromEntries(Object.keys(SETTINGS[slice]).map((key) => [key, config[key as Key]])) as Slice<S>;
}

/** Rules between settings, which no single one can check. */
const COMBINATIONS: ((config: Config) => string | undefined)[] = [
  (c) => ((c.tlsCert === undefined) !== (c.tlsKey === undefined) ? '--tls-cert and --tls-key must be given together' : undefined),
  // the conformance modes (docs/conformance.md): each needs its partners, and replay works alone
  (c) =>
    c.replayFile !== undefined && (c.upstream ?? c.mode ?? c.recordFile) !== undefined ? '--replay does not go with --upstream, --mode or --record' : undefined,
  (c) => ((c.upstream === undefined) !== (c.mode === undefined) ? '--upstream and --mode (record or compare) must be given together' : undefined),
  (c) => (c.mode === 'record' && c.recordFile === undefined ? '--mode record needs --record FILE' : undefined),
  (c) => (c.recordFile !== undefined && c.mode === undefined ? '--record needs --upstream and --mode' : undefined),
];

/**
 * The first problem with a whole configuration, or undefined. Flags and variables are checked as
 * they are read; this also holds `startEmulator` options, which arrive already typed, to the
 * same rules, and sees what no single option can.
 */
export function configProblem(config: Config): string | undefined {
  for (const { key, setting } of DECLARED) {
    // a setting without a default may be left unset
    if (config[key] === undefined && !('default' in setting)) continue;
    const problem = setting.kind.problem?.(config[key], key);
    if (problem !== undefined) return problem;
  }
  for (const rule of COMBINATIONS) {
    const problem = rule(config);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Options of `startEmulator`: any part of Config. Programmatic use defaults to port 0 and `:memory:`. */
export type EmulatorOptions = Partial<Config> & {
  /** @deprecated the first name of `requireHostRecord`, still accepted. */
  requireUnixForDocker?: boolean;
};

const PROGRAMMATIC_DEFAULTS: Partial<Config> = { port: 0, db: ':memory:' };

/** The configuration `startEmulator` options make, or a ConfigError saying what is wrong with them. */
export function configFromOptions(options: EmulatorOptions): Config {
  const given: Record<string, unknown> = { ...options };
  const config: Record<string, unknown> = { ...DEFAULTS, ...PROGRAMMATIC_DEFAULTS };
  for (const { key, setting } of DECLARED) {
    const older = setting.alias?.option;
    if (older === undefined || !(older in given)) continue;
    if (given[older] !== undefined) config[key] = given[older];
    delete given[older];
  }
  Object.assign(config, given);
  const problem = configProblem(config as Config);
  if (problem !== undefined) throw new ConfigError(problem);
  return config as Config;
}

export function usesDefaultUser(config: { users: readonly User[] }): boolean {
  return config.users.some((u) => u.login === DEFAULT_USER.login && u.password === DEFAULT_USER.password);
}
