import { JsonError } from '../http/json-errors.js';
import { answers, type Faults, type FaultSet, MAX_RULES, type NewFaultRule } from './faults.js';
import { arrayOf, boolean, integerIn, numberIn, objectOf, string } from './json-input.js';

/**
 * The fault controls' input as JSON, from `/_emulator/faults` and from the programmatic handle
 * alike: read and checked whole before the rules change, so both refuse the same way (a 400
 * JsonError naming the field) and the rules never see what they cannot hold.
 */

// `id` is what every answer shows; a rule sent back as it is keeps it, and it is ignored.
const RULE_KEYS = ['id', 'path', 'action', 'method', 'status', 'code', 'text', 'wait_sec', 'delay_ms', 'drop', 'probability', 'after', 'times'];

/**
 * [E] Characters a rule's strings may hold: a path, action, method or CODE, and a TEXT (longer than
 * any Qualys TEXT). With MAX_RULES they bound the rules' memory, a few MiB at most.
 */
const MAX_MATCH = 1024;
const MAX_TEXT = 4096;

/** [E] 1xx never end a response, and 204, 205 and 304 must not carry a body. */
const BODILESS_STATUSES = [204, 205, 304];

/** A status that can carry the promised SIMPLE_RETURN: 200 to 599, less the bodiless ones. */
function answerStatus(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 200 || value > 599 || BODILESS_STATUSES.includes(value)) {
    throw new JsonError(400, `${where} must be a whole number from 200 to 599 other than 204, 205 and 304: a status that carries a body`);
  }
  return value;
}

function parseRule(value: unknown, i: number): NewFaultRule {
  const where = `rules[${i}]`;
  const r = objectOf(value, where, RULE_KEYS);
  const rule: NewFaultRule = {};
  if (r.path !== undefined) rule.path = string(r.path, `${where}.path`, MAX_MATCH);
  if (r.action !== undefined) rule.action = string(r.action, `${where}.action`, MAX_MATCH);
  if (r.method !== undefined) rule.method = string(r.method, `${where}.method`, MAX_MATCH).toUpperCase();
  if (r.status !== undefined) rule.status = answerStatus(r.status, `${where}.status`);
  if (r.code !== undefined) rule.code = string(r.code, `${where}.code`, MAX_MATCH);
  if (r.text !== undefined) rule.text = string(r.text, `${where}.text`, MAX_TEXT);
  if (r.wait_sec !== undefined) rule.wait_sec = integerIn(r.wait_sec, `${where}.wait_sec`, 1, 86_400);
  if (r.delay_ms !== undefined) rule.delay_ms = integerIn(r.delay_ms, `${where}.delay_ms`, 0, 600_000);
  if (r.drop !== undefined) rule.drop = boolean(r.drop, `${where}.drop`);
  if (r.probability !== undefined) rule.probability = numberIn(r.probability, `${where}.probability`, 0, 1);
  // 0 lets nothing through: the rule applies at once, as one without `after` does
  if (r.after !== undefined) {
    const after = integerIn(r.after, `${where}.after`, 0, Number.MAX_SAFE_INTEGER);
    if (after > 0) rule.after = after;
  }
  if (r.times !== undefined) rule.times = integerIn(r.times, `${where}.times`, 1, Number.MAX_SAFE_INTEGER);
  if (rule.drop && answers(rule)) throw new JsonError(400, `${where}: drop cannot be combined with status, code or text`);
  if (!rule.drop && !answers(rule) && !rule.delay_ms) {
    throw new JsonError(400, `${where} does nothing: give status, code or text to answer, delay_ms to slow down, or drop`);
  }
  return rule;
}

/** The rules of a change, counted before any is read: `inForce` others stay in force beside them. */
function rulesOf(value: unknown, inForce: number): NewFaultRule[] {
  const list = arrayOf(value, 'rules');
  if (inForce + list.length > MAX_RULES) {
    throw new JsonError(400, `At most ${MAX_RULES} fault rules can be in force: ${inForce} are, and this adds ${list.length}`);
  }
  return list.map(parseRule);
}

/** `PUT`'s body, `{"seed": ..., "rules": [...]}`, both optional. */
export function parseFaultSet(body: unknown): { seed?: number; rules: NewFaultRule[] } {
  const doc = objectOf(body, 'the body', ['seed', 'rules']);
  const rules = rulesOf(doc.rules ?? [], 0);
  return doc.seed === undefined ? { rules } : { seed: integerIn(doc.seed, 'seed', 0, 2 ** 32 - 1), rules };
}

/** `POST`'s body, `{"rules": [...]}`, whose rules must fit beside the `inForce` ones. */
export function parseAddedRules(body: unknown, inForce: number): NewFaultRule[] {
  return rulesOf(objectOf(body, 'the body', ['rules']).rules, inForce);
}

/** `DELETE /ID`: the rules after removing rule `id` (the path's text); a 404 when no rule of that ID is in force. */
export function removeFaultRule(faults: Faults, id: string): FaultSet {
  const n = Number(id);
  const after = String(n) === id ? faults.remove(n) : undefined;
  if (after === undefined) throw new JsonError(404, `No fault rule ${id} is in force (a rule with times is gone once used up)`);
  return after;
}
