import type { BuiltFamily, FamilyControl, FamilyDashboard } from '../api-family.js';
import { JsonError } from '../http/json-errors.js';
import type { Database } from '../db/connection.js';
import { emptyDatabase } from '../db/empty.js';
import { RateLimiter, type RateLimitSettings } from '../http/rate-limit.js';
import type { SecretParams } from '../qualys/secrets.js';
import { Journal } from './journal.js';
import { Faults } from './faults.js';
import { applyRuntimePatch, changesSlice, runtimeSettingsJson, type RuntimePatch, type RuntimeSettings } from '../settings/runtime.js';
import { seedFamilies, type SeedTarget } from './seed.js';
import { ToolRuns } from './tool-runs.js';
import type { AccountStates } from './account-states.js';
import type { ConformanceReport } from '../conformance/report.js';

export interface ControlDeps {
  database: Database;
  runtime: RuntimeSettings;
  /** The API families served: their seed sections, what they keep in memory, their dashboard reads. */
  families: readonly BuiltFamily[];
  /** Runs a seed as one transaction. */
  atomically<T>(fn: () => T): T;
  /** Masked in a seed's refusals. */
  secrets: SecretParams;
  /** The configured users' account states, which the app's authentication applies. */
  accounts: AccountStates;
  /** What compare mode found (docs/conformance.md); a reset keeps it. */
  conformance: ConformanceReport;
}

/**
 * The test-harness controls of one emulator: its mutable runtime settings, request journal,
 * fault rules and rate counters, and the reset that empties all of them with the database.
 * The admin routes and the programmatic handle both drive this one object.
 */
export class EmulatorControls {
  readonly runtime: RuntimeSettings;
  readonly journal = new Journal();
  readonly faults = new Faults();
  readonly limiter: RateLimiter;
  readonly toolRuns = new ToolRuns();
  readonly accounts: AccountStates;
  readonly conformance: ConformanceReport;
  /** What the families show on the dashboard, in the registry's order. */
  readonly dashboards: readonly FamilyDashboard[];
  private readonly database: Database;
  private readonly families: readonly BuiltFamily[];
  private readonly seedTarget: SeedTarget;
  /** The families' own controls, by path below /_emulator/. */
  readonly familyControls: ReadonlyMap<string, FamilyControl>;

  constructor(deps: ControlDeps) {
    this.database = deps.database;
    this.runtime = deps.runtime;
    this.families = deps.families;
    this.accounts = deps.accounts;
    this.conformance = deps.conformance;
    const { runtime } = deps;
    // the limiter's names for the rate-limit settings, read live
    const rateLimits: RateLimitSettings = {
      get enforce() {
        return runtime.enforceRateLimits;
      },
      get limit() {
        return runtime.rateLimit.calls;
      },
      get windowSec() {
        return runtime.rateLimit.windowSec;
      },
      get concurrency() {
        return runtime.concurrencyLimit;
      },
    };
    this.limiter = new RateLimiter(() => rateLimits);
    this.seedTarget = { sections: deps.families.flatMap((f) => f.seed ?? []), atomically: deps.atomically, secrets: deps.secrets };
    this.dashboards = deps.families.flatMap((f) => f.dashboard ?? []);
    this.familyControls = new Map(deps.families.flatMap((f) => f.controls ?? []).map((c) => [c.path, c]));
  }

  /** Runs a family's control (e.g. `hosts/generate`) with a JSON object; a refusal is a JsonError, 400 unless the control says. */
  run(path: string, body: unknown): unknown {
    const control = this.familyControls.get(path);
    if (control === undefined) throw new JsonError(404, `No such emulator control: /_emulator/${path}`);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new JsonError(400, 'the body must be a JSON object');
    return control.run(body as Record<string, unknown>, (message, status = 400) => {
      throw new JsonError(status, message);
    });
  }

  /**
   * Back to an empty state: records and every other table (IDs restart at 1), the journal,
   * the rate counters, the fault rules, the account states (all active), the tool runs listed, and what each family keeps in
   * memory (sessions, caches). [E] The runtime settings are kept: they are how the harness
   * configured this emulator, not its state.
   */
  reset(): void {
    emptyDatabase(this.database);
    this.journal.clear();
    this.faults.reset();
    this.accounts.reset();
    this.limiter.restart();
    this.toolRuns.clear();
    for (const family of this.families) family.reset?.();
  }

  /** Creates a seed document's entries, section by section, all or nothing; answers each section's IDs. */
  seed(doc: unknown, user: string): Record<string, number[]> {
    return seedFamilies(this.seedTarget, doc, user);
  }

  config() {
    return runtimeSettingsJson(this.runtime);
  }

  /** Applies a checked config PATCH; a change of the rate limits starts the counts afresh. */
  patchConfig(patch: RuntimePatch) {
    applyRuntimePatch(this.runtime, patch);
    if (changesSlice(patch, 'rateLimits')) this.limiter.restart();
    return this.config();
  }
}
