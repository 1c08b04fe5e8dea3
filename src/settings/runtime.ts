/**
 * The settings a test harness may change while the emulator runs (`/_emulator/config`): those
 * declared with a `runtime` name in settings.ts. `Config` is what the process was started with and
 * never changes; these start from it, and every part that reads one reads it at each call.
 */
import { type Config, DECLARED, type DeclarationOf, type Key, type SliceName } from './config.js';
import type { JsonValue } from './kinds.js';
import { SETTINGS } from './settings.js';

export type RuntimeKey = { [K in Key]: DeclarationOf<K> extends { runtime: unknown } ? K : never }[Key];

/** The live values of the settings that change at run time. */
export type RuntimeSettings = Pick<Config, RuntimeKey>;

/** A change of some of them, checked already; of a value of several parts, some parts. */
export type RuntimePatch = { [K in RuntimeKey]?: Config[K] extends object ? Partial<Config[K]> : Config[K] };

/** One value of the runtime config API's JSON. */
export interface RuntimeField {
  key: RuntimeKey;
  /** The part of a value of several parts. */
  part?: string;
  /** Its JSON name, and the names of the objects it is in: `['page_size']`, `['rate_limit', 'limit']`. */
  path: readonly string[];
  /** Older names of the same value, still read; before its own name, so that this one wins. */
  olderPaths: readonly (readonly string[])[];
  takes: JsonValue;
}

const pathOf = (name: string) => name.split('.');

/** The runtime config API's values, in the order of its JSON. */
export const RUNTIME_FIELDS: readonly RuntimeField[] = DECLARED.flatMap(({ key, setting }): RuntimeField[] => {
  const { runtime, kind, alias } = setting;
  if (runtime === undefined) return [];
  const field = (part: string | undefined, name: string, takes: JsonValue | undefined): RuntimeField => {
    if (takes === undefined) throw new Error(`the runtime config API cannot take ${key}${part ? `.${part}` : ''}: its kind has no JSON form`);
    return { key: key as RuntimeKey, part, path: pathOf(name), olderPaths: part === undefined && alias?.runtime ? [pathOf(alias.runtime)] : [], takes };
  };
  if (typeof runtime === 'string') return [field(undefined, runtime, kind.json as JsonValue | undefined)];
  const parts = (kind.json ?? {}) as Readonly<Record<string, JsonValue>>;
  return Object.entries(runtime as Readonly<Record<string, string>>).map(([part, name]) => field(part, name, parts[part]));
});

const RUNTIME_KEYS = [...new Set(RUNTIME_FIELDS.map((f) => f.key))];

export function initialRuntimeSettings(config: Config): RuntimeSettings {
  // copies, so a change never reaches the Config's own objects
  return structuredClone(Object.fromEntries(RUNTIME_KEYS.map((key) => [key, config[key]]))) as RuntimeSettings;
}

/** Applies a checked change; a value of several parts keeps the parts it does not name. */
export function applyRuntimePatch(settings: RuntimeSettings, patch: RuntimePatch): void {
  const values = settings as Record<RuntimeKey, unknown>;
  for (const key of Object.keys(patch) as RuntimeKey[]) {
    const value = patch[key];
    values[key] = typeof value === 'object' ? { ...(values[key] as object), ...value } : value;
  }
}

/** Whether a change names any setting of `slice`. */
export function changesSlice(patch: RuntimePatch, slice: SliceName): boolean {
  return Object.keys(SETTINGS[slice]).some((key) => key in patch);
}

type Leaf = boolean | number;
export type RuntimeJson = { [name: string]: Leaf | RuntimeJson };

/** The settings as the runtime config API shows them. */
export function runtimeSettingsJson(settings: RuntimeSettings): RuntimeJson {
  const json: RuntimeJson = {};
  for (const { key, part, path } of RUNTIME_FIELDS) {
    const whole = settings[key] as unknown;
    const value = (part === undefined ? whole : (whole as Record<string, Leaf>)[part]) as Leaf;
    let object = json;
    for (const name of path.slice(0, -1)) {
      object[name] ??= {};
      object = object[name] as RuntimeJson;
    }
    object[path[path.length - 1]] = value;
  }
  return json;
}
