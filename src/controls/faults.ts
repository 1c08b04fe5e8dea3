import { setTimeout as sleep } from 'node:timers/promises';
import { QualysError, qualysErrors } from '../qualys/errors.js';
import { paramsOf } from '../http/body-parser.js';
import type { AppContext, AppMiddleware } from '../http/state.js';
import { JsonError } from '../http/json-errors.js';
import { arrayOf, boolean, integerIn, numberIn, objectOf, string } from './json-input.js';

/**
 * Fault injection for `/_emulator/faults`: rules that make chosen API calls fail, slow down or
 * lose their connection, so a harness can test a client's error handling and retries.
 */
export interface FaultRule {
  /**
   * The emulator's name for the rule, shown by every answer of /_emulator/faults, to remove it
   * alone. [E] Never reused until a reset, which restarts it at 1; one sent in a rule is ignored,
   * so what `GET` shows can be sent back as it is.
   */
  id?: number;
  path?: string;
  action?: string;
  method?: string;
  status?: number;
  code?: string;
  text?: string;
  /** For CODE 1965: the SECONDS_TO_WAIT item and `X-RateLimit-ToWait-Sec` (default 1). */
  wait_sec?: number;
  delay_ms?: number;
  drop?: boolean;
  probability?: number;
  /** Applications left before the rule expires; absent means no limit. */
  times?: number;
}

const RULE_KEYS = ['id', 'path', 'action', 'method', 'status', 'code', 'text', 'wait_sec', 'delay_ms', 'drop', 'probability', 'times'];

/** mulberry32: a small PRNG, so a given seed replays the same faults on the same calls. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomSeed = () => Math.floor(Math.random() * 2 ** 32);

/**
 * [E] Rules in force at most: every API call looks through them, and adding rules one request
 * at a time must not grow memory without bound.
 */
export const MAX_RULES = 1000;

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

function parseRule(value: unknown, i: number): FaultRule {
  const where = `rules[${i}]`;
  const r = objectOf(value, where, RULE_KEYS);
  const rule: FaultRule = {};
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
  if (r.times !== undefined) rule.times = integerIn(r.times, `${where}.times`, 1, Number.MAX_SAFE_INTEGER);
  if (rule.drop && answers(rule)) throw new JsonError(400, `${where}: drop cannot be combined with status, code or text`);
  if (!rule.drop && !answers(rule) && !rule.delay_ms) {
    throw new JsonError(400, `${where} does nothing: give status, code or text to answer, delay_ms to slow down, or drop`);
  }
  return rule;
}

const answers = (r: FaultRule) => r.status !== undefined || r.code !== undefined || r.text !== undefined;

/** The path matches with or without its trailing slash. */
const samePath = (rulePath: string, path: string) => rulePath === path || `${rulePath}/` === path;

/**
 * [E] A rule's answer is a SIMPLE_RETURN like a real one: CODE 1960 and 1965 get the real TEXT,
 * ITEM_LIST and headers unless the rule overrides them; any other answer defaults to 500 and 999.
 */
function faultError(rule: FaultRule): QualysError {
  const base =
    rule.code === '1965' ? qualysErrors.rateLimited(rule.wait_sec ?? 1)
    : rule.code === '1960' ? qualysErrors.concurrencyLimit(1)
    : qualysErrors.internal();
  const sameCode = rule.code === undefined || rule.code === base.code;
  return new QualysError(rule.status ?? base.status, rule.code ?? base.code, rule.text ?? base.text, sameCode ? base.items : [], base.headers);
}

type NumberedRule = FaultRule & { id: number };

/** What every answer of `/_emulator/faults` shows: the seed, and the rules in force in order. */
export interface FaultSet {
  seed: number;
  rules: NumberedRule[];
}

/**
 * The rules in force and the PRNG they draw from. Each change answers the rules in force after
 * it, which every answer of /_emulator/faults and of the programmatic handle shows.
 */
export class Faults {
  private seed = randomSeed();
  private random = prng(this.seed);
  private rules: NumberedRule[] = [];
  private nextId = 1;

  /** `PUT /_emulator/faults`: replaces every rule; the seed (given, or drawn at random) restarts the PRNG. */
  replace(body: unknown): FaultSet {
    const doc = objectOf(body, 'the body', ['seed', 'rules']);
    const rules = this.rulesOf(doc.rules ?? [], 0);
    const seed = doc.seed === undefined ? randomSeed() : integerIn(doc.seed, 'seed', 0, 2 ** 32 - 1);
    this.rules = this.numbered(rules);
    this.seed = seed;
    this.random = prng(seed);
    return this.json();
  }

  /** `POST /_emulator/faults`: adds rules after those in force, which keep their place, the seed and the PRNG's state. */
  add(body: unknown): FaultSet {
    const doc = objectOf(body, 'the body', ['rules']);
    this.rules = [...this.rules, ...this.numbered(this.rulesOf(doc.rules, this.rules.length))];
    return this.json();
  }

  /** `DELETE /_emulator/faults/ID`: removes that rule; one not in force (expired, or never made) is a 404. */
  remove(id: string): FaultSet {
    const rule = this.rules.find((r) => String(r.id) === id);
    if (!rule) throw new JsonError(404, `No fault rule ${id} is in force (a rule with times is gone once used up)`);
    this.rules = this.rules.filter((r) => r !== rule);
    return this.json();
  }

  /** `DELETE /_emulator/faults`: removes every rule; rule IDs go on counting. */
  clear(): FaultSet {
    return this.replace({});
  }

  /** No rule, a fresh seed, and rule IDs from 1 again. */
  reset(): void {
    this.clear();
    this.nextId = 1;
  }

  /** The rules of a request, checked whole before any is kept; `inForce` count towards MAX_RULES. */
  private rulesOf(value: unknown, inForce: number): FaultRule[] {
    const list = arrayOf(value, 'rules');
    if (inForce + list.length > MAX_RULES) {
      throw new JsonError(400, `At most ${MAX_RULES} fault rules can be in force: ${inForce} are, and this adds ${list.length}`);
    }
    return list.map(parseRule);
  }

  private numbered(rules: readonly FaultRule[]): NumberedRule[] {
    return rules.map((rule) => ({ id: this.nextId++, ...rule }));
  }

  /** The rules still in force (`times` counting down) and the seed, to replay a run. */
  json(): FaultSet {
    return { seed: this.seed, rules: this.rules.map((r) => ({ ...r })) };
  }

  /**
   * The first rule matching the call whose probability draw succeeds, counted against its
   * `times`. [E] Only a rule with a probability below 1 draws a number, one per matching call.
   */
  take(call: { path: string; method: string; action: string | undefined }): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.path !== undefined && !samePath(rule.path, call.path)) continue;
      if (rule.method !== undefined && rule.method !== call.method) continue;
      if (rule.action !== undefined && rule.action !== call.action) continue;
      if (rule.probability !== undefined && rule.probability < 1 && !(this.random() < rule.probability)) continue;
      if (rule.times !== undefined && --rule.times === 0) this.rules = this.rules.filter((r) => r !== rule);
      return { ...rule };
    }
    return undefined;
  }
}

/** Runs after the body is parsed, so rules can match the action wherever the client sent it. */
export function injectFaults(faults: Faults): AppMiddleware {
  // not async where it only passes on (docs/architecture.md, "Steps that pass on")
  return (ctx, next) => {
    const rule = faults.take({ path: ctx.path, method: ctx.method, action: paramsOf(ctx).get('action') });
    return rule ? applyFault(rule, ctx, next) : next();
  };
}

/** A rule's delay, then its dropped connection, its error answer, or the call going on. */
async function applyFault(rule: FaultRule, ctx: AppContext, next: () => Promise<unknown>): Promise<unknown> {
  if (rule.delay_ms) await sleep(rule.delay_ms);
  if (rule.drop) {
    ctx.state.dropped = true;
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  if (answers(rule)) throw faultError(rule);
  return next();
}
