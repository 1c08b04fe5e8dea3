import type { StructuralDifference } from './structure.js';

/** One call whose two answers differed, as `GET /_emulator/conformance` lists it. */
export type ReportedDifference = { time: string; method: string; path: string; action: string | null } & StructuralDifference;

export interface ConformanceReportJson {
  /** Calls compared since the start (or the last DELETE). */
  calls: number;
  /** The calls that differed, oldest first; the last `REPORT_LIMIT` of them. */
  differences: ReportedDifference[];
}

/** [E] Differences kept, the oldest dropped first, so a long suite's report stays bounded. */
export const REPORT_LIMIT = 1000;

/**
 * What compare mode found: how many calls it compared and the last differences. A reset of the
 * emulator keeps it (a suite resets between tests; the report covers the whole run).
 */
export class ConformanceReport {
  private compared = 0;
  private kept: ReportedDifference[] = [];

  add(call: { time: number; method: string; path: string; action: string | null }, difference: StructuralDifference | null): void {
    this.compared++;
    if (difference === null) return;
    this.kept.push({ time: new Date(call.time).toISOString(), method: call.method, path: call.path, action: call.action, ...difference });
    if (this.kept.length > REPORT_LIMIT) this.kept.shift();
  }

  json(): ConformanceReportJson {
    return { calls: this.compared, differences: this.kept };
  }

  /** Starts afresh; answers how many differences it held. */
  clear(): number {
    const held = this.kept.length;
    this.compared = 0;
    this.kept = [];
    return held;
  }
}
