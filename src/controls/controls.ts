import type { Db } from '../db/connection.js';
import { emptyDatabase } from '../db/empty.js';
import type { Endpoint } from '../qualys/endpoint.js';
import { RateLimiter } from '../http/rate-limit.js';
import type { RecordType } from '../auth-records/record-type.js';
import type { RecordService } from '../auth-records/record-service.js';
import { recordCreator } from '../auth-records/record-endpoint.js';
import type { InputRules } from '../auth-records/record-input.js';
import type { SecretParams } from '../qualys/secrets.js';
import type { VaultService } from '../vaults/vault-service.js';
import { vaultCreator } from '../vaults/vault-endpoint.js';
import { Journal } from './journal.js';
import { Faults } from './faults.js';
import { patchRuntimeSettings, runtimeSettingsJson, type RuntimeSettings } from './runtime.js';
import { seedRecords, type SeedTarget } from './seed.js';
import { RecordsView } from './records-view.js';
import { VaultsView } from './vaults-view.js';
import { ToolRuns } from './tool-runs.js';

export interface ControlDeps {
  db: Db;
  runtime: RuntimeSettings;
  types: readonly RecordType[];
  /** Seeded records are created through the service, validated by the API's rules. */
  service: RecordService;
  inputRules: InputRules;
  vaults: VaultService;
  /** The record endpoints, whose list answers the dashboard shows. */
  endpoints: readonly Endpoint[];
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
  readonly records: RecordsView;
  readonly vaults: VaultsView;
  private readonly db: Db;
  private readonly seedTarget: SeedTarget;
  private readonly resetHooks: (() => void)[] = [];

  constructor(deps: ControlDeps) {
    this.db = deps.db;
    this.runtime = deps.runtime;
    this.limiter = new RateLimiter(() => this.runtime.rateLimit);
    const { service } = deps;
    this.seedTarget = {
      types: new Map(deps.types.map((t) => [t.name, t])),
      create: recordCreator(service, deps.inputRules),
      vaults: { create: vaultCreator(deps.vaults), idByTitle: (title) => deps.vaults.idByTitle(title) },
      atomically: (fn) => service.atomically(fn),
      secrets: deps.secrets,
    };
    const byPath = new Map(deps.endpoints.map((e) => [e.path, e]));
    const endpoints = new Map(deps.types.map((t) => [t.name, byPath.get(t.path)!]));
    this.records = new RecordsView({ types: deps.types, service, endpoints, pageSize: () => this.runtime.pageSize, secrets: deps.secrets });
    this.vaults = new VaultsView({ service: deps.vaults, pageSize: () => this.runtime.pageSize });
  }

  /** Registers state kept outside the database (e.g. in-memory sessions) to be emptied by `reset`. */
  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  /**
   * Back to an empty state: records and every other table (IDs restart at 1), the journal,
   * the rate counters, the fault rules, the tool runs listed, and whatever registered a hook. [E] The runtime
   * settings are kept: they are how the harness configured this emulator, not its state.
   */
  reset(): void {
    emptyDatabase(this.db);
    this.journal.clear();
    this.faults.reset();
    this.limiter.restart();
    this.toolRuns.clear();
    for (const hook of this.resetHooks) hook();
  }

  seed(doc: unknown, user: string): { ids: number[]; vault_ids?: number[] } {
    return seedRecords(this.seedTarget, doc, user);
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
