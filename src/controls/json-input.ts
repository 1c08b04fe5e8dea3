import { JsonError } from '../http/json-errors.js';

/** Validation of the admin API's JSON input; a refusal is a 400 JsonError naming the field. */

export type JsonObject = Record<string, unknown>;

const invalid = (message: string) => new JsonError(400, message);

/** An object whose keys are all in `allowed`; `where` names it in the error. */
export function objectOf(value: unknown, where: string, allowed: readonly string[]): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${where} must be a JSON object`);
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw invalid(`${where} has unknown field(s): ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
  return value as JsonObject;
}

export function arrayOf(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(`${where} must be an array`);
  return value;
}

export function integerIn(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${where} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

export function numberIn(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw invalid(`${where} must be a number from ${min} to ${max}`);
  return value;
}

export function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw invalid(`${where} must be true or false`);
  return value;
}

/** A string of at most `maxLength` characters, when a bound is given. */
export function string(value: unknown, where: string, maxLength = Infinity): string {
  if (typeof value !== 'string') throw invalid(`${where} must be a string`);
  if (value.length > maxLength) throw invalid(`${where} must be at most ${maxLength} characters`);
  return value;
}
