import type { BuiltFamily, FamilyDashboard } from '../api-family.js';
import type { Db } from '../db/connection.js';
import { emptyDatabase } from '../db/empty.js';
import { RateLimiter } from '../http/rate-limit.js';
import type { SecretParams } from '../qualys/secrets.js';
import { Journal } from './journal.js';
import { Faults } from './faults.js';
import { patchRuntimeSettings, runtimeSettingsJson, type RuntimeSettings } from './runtime.js';
import { seedFamilies, type SeedTarget } from './seed.js';
import { ToolRuns } from './tool-runs.js';

export interface ControlDeps {
  db: Db;
  runtime: RuntimeSettings;
  /** The API families served: their seed sections, what they keep in memory, their dashboard reads. */
  families: readonly BuiltFamily[];
  /** Runs a seed as one transaction. */
  atomically<T>(fn: () => T): T;
  /** Masked in a seed's refusals. */
  secrets: SecretParams;
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
  /** What the families show on the dashboard, in the registry's order. */
  readonly dashboards: readonly FamilyDashboard[];
  private readonly db: Db;
  private readonly families: readonly BuiltFamily[];
  private readonly seedTarget: SeedTarget;

  constructor(deps: ControlDeps) {
    this.db = deps.db;
    this.runtime = deps.runtime;
    this.families = deps.families;
    this.limiter = new RateLimiter(() => this.runtime.rateLimit);
    this.seedTarget = { sections: deps.families.flatMap((f) => f.seed ?? []), atomically: deps.atomically, secrets: deps.secrets };
    this.dashboards = deps.families.flatMap((f) => f.dashboard ?? []);
  }

  /**
   * Back to an empty state: records and every other table (IDs restart at 1), the journal,
   * the rate counters, the fault rules, the tool runs listed, and what each family keeps in
   * memory (sessions, caches). [E] The runtime settings are kept: they are how the harness
   * configured this emulator, not its state.
   */
  reset(): void {
    emptyDatabase(this.db);
    this.journal.clear();
    this.faults.reset();
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

  /** Applies a config PATCH; touching `rate_limit` starts the counts afresh. */
  patchConfig(body: unknown) {
    if (patchRuntimeSettings(this.runtime, body).rateLimitTouched) this.limiter.restart();
    return this.config();
  }
}
