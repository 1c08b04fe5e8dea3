import type { IntervalSet } from '../qualys/interval-set.js';

/**
 * What a scan is. VM and compliance scans share one state machine and one table; `kind` says
 * which endpoint launched it, and its REFERENCE prefix (`scan/`, `compliance/`) [Q recorded].
 */
export type ScanKind = 'vm' | 'compliance';

/** [Q] the STATE values Qualys's `state` filter takes (Loading is accepted there, never reached here [E]). */
export const SCAN_STATES = ['Queued', 'Loading', 'Running', 'Paused', 'Canceled', 'Finished', 'Error'] as const;
export type ScanState = (typeof SCAN_STATES)[number];

/** [Q recorded] how a scan came to be: through the API, the UI, or a schedule; the `type` filter takes these. */
export const SCAN_TYPES = ['API', 'On-Demand', 'Scheduled'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

/** [Q recorded: the list's PROCESSING_PRIORITY] `<n> - <name>`, 0 to 9. */
export const PRIORITY_NAMES = ['No Priority', 'Emergency', 'Ultimate', 'Critical', 'Major', 'High', 'Standard', 'Medium', 'Minor', 'Low'] as const;

/** The option profile a scan ran with, as it was at launch. */
export interface ScanProfile {
  id: number;
  title: string;
  isDefault: boolean;
}

/** Where a scan stands: its state as of `since` (epoch ms), later steps being worked out when read. */
export interface ScanStatus {
  state: ScanState;
  processed: boolean;
  /** [Q] e.g. `No_Host` (no target alive), `No_Vuln` (nothing found). */
  subState?: string;
  since: number;
  /** What a paused scan resumes to. */
  resumeTo?: ScanState;
  startedAt?: number;
  endedAt?: number;
}

/** The part of the target each record type covered when the scan was launched: how its hosts authenticate. */
export interface AuthCoverage {
  /** The record type's name, e.g. `unix`. */
  type: string;
  ranges: IntervalSet;
}

export interface Scan {
  id: number;
  kind: ScanKind;
  ref: string;
  type: ScanType;
  /** [Q recorded] `N/A` when launched without a title. */
  title: string;
  userLogin: string;
  launchedAt: number;
  priority: number;
  networkId: number;
  /** The addresses scanned: those given, less `excluded`. */
  target: IntervalSet;
  excluded: IntervalSet;
  /** The titles of the asset groups it was launched with, in the order given. */
  assetGroups: readonly string[];
  optionProfile: ScanProfile;
  /** The appliance's name, or `External Scanner`. */
  scanner: string;
  status: ScanStatus;
  authCovered: readonly AuthCoverage[];
  /** Technologies a harness made fail, per address range. */
  authFailed: readonly AuthCoverage[];
}

/** [Q] a scan's REFERENCE: `<prefix>/<epoch seconds of launch>.<5 digits>`, [E] the digits being the ID mod 100000. */
export function scanRef(kind: ScanKind, id: number, launchedAt: number): string {
  return `${kind === 'vm' ? 'scan' : 'compliance'}/${Math.floor(launchedAt / 1000)}.${String(id % 100000).padStart(5, '0')}`;
}
