import { RUNTIME_FIELDS, type RuntimeField, type RuntimePatch } from '../settings/runtime.js';
import { boolean, integerIn, type JsonObject, objectOf } from './json-input.js';

/**
 * `PATCH /_emulator/config`'s body: any subset of the runtime settings under their JSON names
 * (settings.ts), an object's fields partly too, read and checked whole before anything changes.
 * A refusal is a 400 JsonError naming the field.
 */

/** The names each JSON object may hold, the top level under ''; older names after their own. */
const NAMES = new Map<string, string[]>();
for (const { path, olderPaths } of RUNTIME_FIELDS) {
  for (const names of [path, ...olderPaths]) {
    names.forEach((name, depth) => {
      const object = names.slice(0, depth).join('.');
      const known = NAMES.get(object) ?? [];
      if (!known.includes(name)) NAMES.set(object, [...known, name]);
    });
  }
}

/** The value at `path`, each object on the way checked for names it may not hold. */
function valueAt(doc: JsonObject, path: readonly string[]): unknown {
  let value: unknown = doc;
  for (const [depth, name] of path.entries()) {
    const where = path.slice(0, depth).join('.');
    if (depth > 0) value = objectOf(value, where, NAMES.get(where)!);
    value = (value as JsonObject)[name];
    if (value === undefined) return undefined;
  }
  return value;
}

function read(value: unknown, where: string, takes: RuntimeField['takes']): boolean | number {
  return takes === 'boolean' ? boolean(value, where) : integerIn(value, where, takes.min, takes.max);
}

export function parseConfigPatch(body: unknown): RuntimePatch {
  const doc = objectOf(body, 'the body', NAMES.get('')!);
  const patch: Record<string, unknown> = {};
  for (const { key, part, path, olderPaths, takes } of RUNTIME_FIELDS) {
    for (const names of [...olderPaths, path]) {
      const given = valueAt(doc, names);
      if (given === undefined) continue;
      const value = read(given, names.join('.'), takes);
      patch[key] = part === undefined ? value : { ...(patch[key] as object | undefined), [part]: value };
    }
  }
  return patch as RuntimePatch;
}
