import { setTimeout as sleep } from 'node:timers/promises';
import { QualysError, qualysErrors } from '../qualys/errors.js';
import { paramsOf } from '../http/body-parser.js';
import type { AppContext, AppMiddleware } from '../http/state.js';
import { prng } from '../random.js';

/**
 * Fault injection for `/_emulator/faults`: rules that make chosen API calls fail, slow down or
 * lose their connection, so a harness can test a client's error handling and retries. The rules
 * arrive checked (fault-input.ts reads them from JSON).
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
  /**
   * Matching calls still to let through before the rule applies: [E] `after` 2 and `times` 1
   * fault the third call alone, as a harness needs to fail one page in the middle of a pull.
   */
  after?: number;
  /** Applications left before the rule expires; absent means no limit. */
  times?: number;
}

const randomSeed = () => Math.floor(Math.random() * 2 ** 32);

/**
 * [E] Rules in force at most: every API call looks through them, and adding rules one request
 * at a time must not grow memory without bound.
 */
export const MAX_RULES = 1000;

/** Whether a rule answers the call itself (an error), rather than only slowing it down or dropping it. */
export const answers = (r: FaultRule) => r.status !== undefined || r.code !== undefined || r.text !== undefined;

/** The path matches with or without its trailing slash. */
const samePath = (rulePath: string, path: string) => rulePath === path || `${rulePath}/` === path;

/**
 * [E] A rule's answer is a SIMPLE_RETURN like a real one: CODE 1960 and 1965 get the real TEXT,
 * ITEM_LIST and headers unless the rule overrides them; any other answer defaults to 500 and 999.
 */
function faultError(rule: FaultRule): QualysError {
  const base =
    rule.code === '1965' ? qualysErrors.rateLimited(rule.wait_sec ?? 1) : rule.code === '1960' ? qualysErrors.concurrencyLimit(1) : qualysErrors.internal();
  const sameCode = rule.code === undefined || rule.code === base.code;
  return new QualysError(rule.status ?? base.status, rule.code ?? base.code, rule.text ?? base.text, sameCode ? base.items : [], base.headers);
}

/** A rule as a change gives it: the emulator numbers it. */
export type NewFaultRule = Omit<FaultRule, 'id'>;

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
  replace({ seed = randomSeed(), rules }: { seed?: number; rules: readonly NewFaultRule[] }): FaultSet {
    this.rules = this.numbered(rules, 0);
    this.seed = seed;
    this.random = prng(seed);
    return this.json();
  }

  /** `POST /_emulator/faults`: adds rules after those in force, which keep their place, the seed and the PRNG's state. */
  add(rules: readonly NewFaultRule[]): FaultSet {
    this.rules = [...this.rules, ...this.numbered(rules, this.rules.length)];
    return this.json();
  }

  /** `DELETE /_emulator/faults/ID`: removes that rule; undefined when none is in force (expired, or never made). */
  remove(id: number): FaultSet | undefined {
    const rule = this.rules.find((r) => r.id === id);
    if (!rule) return undefined;
    this.rules = this.rules.filter((r) => r !== rule);
    return this.json();
  }

  /** `DELETE /_emulator/faults`: removes every rule; rule IDs go on counting. */
  clear(): FaultSet {
    return this.replace({ rules: [] });
  }

  /** No rule, a fresh seed, and rule IDs from 1 again. */
  reset(): void {
    this.clear();
    this.nextId = 1;
  }

  /** How many rules are in force; a change may bring them to MAX_RULES. */
  get inForce(): number {
    return this.rules.length;
  }

  /** Numbers new rules, which the change refuses (before any is kept) if they do not fit beside `inForce` others. */
  private numbered(rules: readonly NewFaultRule[], inForce: number): NumberedRule[] {
    if (inForce + rules.length > MAX_RULES) throw new RangeError(`At most ${MAX_RULES} fault rules can be in force`);
    return rules.map((rule) => ({ id: this.nextId++, ...rule }));
  }

  /** The rules still in force (`times` counting down) and the seed, to replay a run. */
  json(): FaultSet {
    return { seed: this.seed, rules: this.rules.map((r) => ({ ...r })) };
  }

  /**
   * The first rule matching the call that has let its `after` calls through and whose probability
   * draw succeeds, counted against its `times`. [E] Only a rule with a probability below 1 draws a
   * number, one per matching call it could apply to: a call it lets through draws none.
   */
  take(call: { path: string; method: string; action: string | undefined }): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.path !== undefined && !samePath(rule.path, call.path)) continue;
      if (rule.method !== undefined && rule.method !== call.method) continue;
      if (rule.action !== undefined && rule.action !== call.action) continue;
      if (rule.after !== undefined) {
        if (--rule.after === 0) delete rule.after;
        continue;
      }
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
