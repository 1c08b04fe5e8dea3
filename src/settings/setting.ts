/**
 * What declaring a setting takes (settings.ts declares them all): its flag, variable, kind of value,
 * default and description, and a slice, a group of settings each checked against its own kind.
 */
import type { Kind } from './kinds.js';

export interface Setting<T> {
  readonly flag: string;
  readonly env: string;
  readonly kind: Kind<T>;
  /** Absent: the setting is unset unless given. */
  readonly default?: T;
  /** For `--help` and docs/configuration.md; `{default}` stands for the default as the kind shows it. */
  readonly description: string;
  /**
   * Present for a setting the runtime config API (`/_emulator/config`) changes: its JSON name,
   * `object.name` inside an object; a value of several parts names each part.
   */
  readonly runtime?: string | { readonly [P in keyof T]: string };
  /** An older name of the same setting, still taken as a flag, a variable, a `startEmulator` option and in the runtime config API. */
  readonly alias?: { flag: string; env: string; option: string; runtime?: string };
  /** Each flag adds its value (the variable takes a comma-separated list), and flags replace the variable's list. */
  readonly repeatable?: boolean;
}

/** The value a setting takes. */
export type ValueOf<S> = S extends { kind: Kind<infer T> } ? T : never;

/** Declares one slice's settings, each checked against its own kind of value. */
// biome-ignore lint/suspicious/noExplicitAny: each setting's own type is checked by the intersection
export const slice = <G extends Record<string, Setting<any>>>(settings: G & { [K in keyof G]: Setting<ValueOf<G[K]>> }): G => settings;
