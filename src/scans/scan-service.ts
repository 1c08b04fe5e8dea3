import { qualysErrors } from '../qualys/errors.js';
import { normalise, type IntervalSet } from '../qualys/interval-set.js';
import { forced, nextStep, SCAN_ACTIONS, statusAt } from './scan-clock.js';
import type { LaunchInput, ScanLinks } from './scan-launch.js';
import type { AuthCoverage, Scan, ScanKind, ScanState } from './scan.js';
import type { ScanFilter, ScanStore } from './scan-store.js';

/** What the service reads at each call: the step length a harness may change at run time. */
export interface ScanClock {
  /** Milliseconds each automatic step lasts; 0: none moves by itself. */
  stepMs(): number;
  now(): number;
}

/** [E] a harness's refusal, apart from Qualys's: no such scan, or no such step (400 on the admin API). */
export class ScanControlRefusal extends Error {}

/**
 * The rules scans obey: launch with the records covering their targets as they are then, the
 * state machine's steps, the transitions each action allows. Each write is one transaction.
 */
export class ScanService {
  constructor(
    private readonly store: ScanStore,
    private readonly links: Pick<ScanLinks, 'authRecords'>,
    /** Every record type's name, whose coverage of a target is kept at launch. */
    private readonly recordTypes: readonly string[],
    private readonly clock: ScanClock,
  ) {}

  atomically<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  /** A new scan, Queued [Q: the first state a launched scan lists with]. */
  launch(kind: ScanKind, input: LaunchInput, user: string): Scan {
    const now = this.clock.now();
    const authCovered: AuthCoverage[] = this.recordTypes
      .map((type) => ({ type, ranges: normalise(this.links.authRecords.coveringRecords(type, input.target).map((c) => c.range)) }))
      .filter((c) => c.ranges.length > 0);
    return this.store.insert({
      kind,
      // [Q recorded] a scan launched through the API lists with TYPE `API`
      type: 'API',
      userLogin: user,
      launchedAt: now,
      ...input,
      status: { state: 'Queued', processed: false, since: now },
      authCovered,
    });
  }

  /** The scan as it stands now. */
  private current(scan: Scan): Scan {
    return { ...scan, status: statusAt(scan.status, this.clock.now(), this.clock.stepMs()) };
  }

  list(filter: ScanFilter): Scan[] {
    return this.store.list(filter).map((s) => this.current(s));
  }

  /** The scan of this kind with this REFERENCE, as it stands now; 1905 when there is none. */
  get(kind: ScanKind, ref: string): Scan {
    const scan = this.store.byRef(ref);
    if (!scan || scan.kind !== kind) throw qualysErrors.noSuch('scan_ref', ref, 'scan');
    return this.current(scan);
  }

  /** [Q] cancel, pause, resume, delete; [E] refused (1905) in a state that does not allow it. */
  manage(kind: ScanKind, action: keyof typeof SCAN_ACTIONS, ref: string): Scan {
    const scan = this.get(kind, ref);
    const rule = SCAN_ACTIONS[action];
    if (!rule.from.includes(scan.status.state)) {
      throw qualysErrors.invalidValue('scan_ref', ref, `the scan is ${scan.status.state}: ${action} is allowed only when it is ${rule.from.join(', ')}`);
    }
    if (!rule.apply) {
      this.store.delete(scan.id);
      return scan;
    }
    const status = rule.apply(scan.status, this.clock.now());
    this.store.setStatus(scan.id, status);
    return { ...scan, status };
  }

  /** The harness's scan, by REFERENCE of either kind. */
  private controlled(ref: string): Scan {
    const scan = this.store.byRef(ref);
    if (!scan) throw new ScanControlRefusal(`no scan ${ref}`);
    return this.current(scan);
  }

  /** The harness moves a scan one step on. */
  step(ref: string): Scan {
    const scan = this.controlled(ref);
    const status = nextStep(scan.status, this.clock.now());
    if (!status) throw new ScanControlRefusal(`scan ${ref} is ${scan.status.state}${scan.status.processed ? ' and processed' : ''}: it has no next step`);
    this.store.setStatus(scan.id, status);
    return { ...scan, status };
  }

  /** The harness puts a scan in a state (Error, Canceled, Finished with No_Host...). */
  force(ref: string, state: ScanState, processed: boolean, subState: string | undefined): Scan {
    const scan = this.controlled(ref);
    const status = forced(scan.status, state, processed, subState, this.clock.now());
    this.store.setStatus(scan.id, status);
    return { ...scan, status };
  }

  /** The harness makes a technology fail on some of a scan's hosts. */
  failAuth(ref: string, type: string, ips: IntervalSet): Scan {
    const scan = this.controlled(ref);
    const authFailed = [
      ...scan.authFailed.filter((f) => f.type !== type),
      { type, ranges: normalise([...(scan.authFailed.find((f) => f.type === type)?.ranges ?? []), ...ips]) },
    ];
    this.store.setAuthFailed(scan.id, authFailed);
    return { ...scan, authFailed };
  }

  latest(limit: number): Scan[] {
    return this.store.latest(limit).map((s) => this.current(s));
  }
}
