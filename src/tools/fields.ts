import { splitWords, WordSplitError } from './words.js';
import { toolErrors } from './errors.js';

/** A request body after the JSON-object check. [E] `null` counts as an absent field. */
export type Body = Readonly<Record<string, unknown>>;

/** [E] unknown fields are refused, naming the allowed ones, as Qualys does with 1901. */
export function refuseUnknownFields(body: Body, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw toolErrors.badRequest(`unknown field(s): ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
  }
}

/** A string field, or undefined when absent, null or empty. */
export function optionalString(body: Body, field: string, maxLength = 1024): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw toolErrors.badField(field, `must be a string, got ${typeof value}`);
  if (value.length > maxLength) throw toolErrors.badField(field, `longer than ${maxLength} characters`);
  return value === '' ? undefined : value;
}

/** A string matching `pattern`, or undefined. The refused value is quoted as JSON so nothing in it is read as markup. */
export function matchingString(body: Body, field: string, pattern: RegExp, expected: string): string | undefined {
  const value = optionalString(body, field);
  if (value !== undefined && !pattern.test(value)) throw toolErrors.badField(field, `${JSON.stringify(value)} is not ${expected}`);
  return value;
}

/**
 * A comma list given as one string or an array of strings; every item must pass `accept`.
 * Returns the items, trimmed, or undefined when none were given.
 */
export function commaList(body: Body, field: string, accept: (item: string) => boolean, expected: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  let items: unknown[];
  if (typeof value === 'string') items = value === '' ? [] : value.split(',');
  else if (Array.isArray(value)) items = value;
  else throw toolErrors.badField(field, `must be a comma-separated string or an array of strings, got ${typeof value}`);
  if (items.length === 0) return undefined;
  if (items.length > 200) throw toolErrors.badField(field, 'more than 200 items');
  return items.map((item) => {
    if (typeof item !== 'string') throw toolErrors.badField(field, 'every item must be a string');
    const name = item.trim();
    if (!accept(name)) throw toolErrors.badField(field, `${JSON.stringify(name)} is not ${expected}`);
    return name;
  });
}

/**
 * An option the allow-list accepts in `additional_args`: a switch, or an option whose value must
 * match `value`. `aliases` are other spellings of the same option.
 */
export interface AllowedOption {
  names: readonly string[];
  value?: RegExp;
  /** Whether `--name=value` is accepted too (long options of Go's pflag do; getopts does not). */
  joined?: boolean;
  /**
   * A pflag boolean: bare (`--scored`, true) or joined to `true`/`false` (`--scored=false`). pflag
   * never reads the next word as a boolean's value, so `--scored false` is refused.
   */
  boolean?: boolean;
}

/**
 * Splits `additional_args` and checks every word against the allow-list. A value never starts
 * with `-`, so it cannot smuggle an option the list does not hold.
 */
export function allowedArgs(body: Body, field: string, tool: string, allowed: readonly AllowedOption[]): string[] {
  const text = optionalString(body, field, 4096);
  if (text === undefined) return [];
  let words: string[];
  try {
    words = splitWords(text);
  } catch (err) {
    if (err instanceof WordSplitError) throw toolErrors.badField(field, err.message);
    throw err;
  }
  const names = allowed.flatMap((o) => o.names).join(', ');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const eq = word.indexOf('=');
    const option = allowed.find((o) => o.names.includes(word) || ((o.joined || o.boolean) && eq > 0 && o.names.includes(word.slice(0, eq))));
    if (!option) throw toolErrors.badField(field, `${JSON.stringify(word)} is not an allowed ${tool} argument (allowed: ${names})`);
    if (option.boolean) {
      if (!option.names.includes(word) && !/^(true|false)$/.test(word.slice(eq + 1))) {
        throw toolErrors.badField(field, `${word.slice(0, eq)} is a boolean: give it bare or as ${word.slice(0, eq)}=true or ${word.slice(0, eq)}=false`);
      }
      out.push(word);
      continue;
    }
    if (!option.value) {
      if (!option.names.includes(word)) throw toolErrors.badField(field, `${word.slice(0, eq)} takes no value`);
      out.push(word);
      continue;
    }
    const joined = !option.names.includes(word);
    const value = joined ? word.slice(eq + 1) : words[++i];
    const name = joined ? word.slice(0, eq) : word;
    if (value === undefined) throw toolErrors.badField(field, `${name} needs a value`);
    if (value.startsWith('-') || !option.value.test(value)) throw toolErrors.badField(field, `${JSON.stringify(value)} is not a valid value of ${name}`);
    out.push(name, value);
  }
  return out;
}
