import type { IntervalSet } from '../qualys/interval-set.js';

/**
 * What a host or detection list names, as the parameter readers give it to the store: apart from
 * both, so that the readers, the joined-detection classes and the SQL share it without importing
 * one another.
 */

/** Which hosts a list names; dates are `YYYY-MM-DDTHH:MM:SSZ`, each bound absent or in force. */
export interface HostFilter {
  /** Normalised ID ranges to look in (id_min and id_max already applied). */
  ids: IntervalSet;
  ips?: IntervalSet;
  /** The OS values a pattern matched (none: no host matches). */
  oses?: readonly string[];
  /** LAST_VM_SCANNED_DATE at or after. */
  scannedSince?: string;
  /** LAST_VM_SCANNED_DATE before, or never scanned. */
  notScannedSince?: string;
  scannedAfter?: string;
  scannedBefore?: string;
  /** LAST_VULN_SCAN_DATETIME, when the scan's results were processed. */
  processedAfter?: string;
  processedBefore?: string;
  authScannedAfter?: string;
  authScannedBefore?: string;
  /** LAST_COMPLIANCE_SCAN_DATETIME at or after; before, or never scanned. */
  complianceScannedSince?: string;
  notComplianceScannedSince?: string;
  /** TruRisk scores, inclusive (`hosts.trurisk`). */
  trurisk?: { min: number; max: number };
  tags?: TagFilter;
  /** The hosts' NETWORK_IDs. */
  networks?: readonly number[];
}

/** A set of tags, by ID (as text) or name, and whether a host must hold all of it or any. */
export interface TagSet {
  tags: readonly string[];
  all: boolean;
}

/** Which tags keep a host: it holds `include` (when given) and not `exclude` (when given). */
export interface TagFilter {
  byId: boolean;
  include?: TagSet;
  exclude?: TagSet;
}

/** Which detections a detection list shows; a host is listed only with one at least. */
export interface DetectionFilter {
  types: readonly string[];
  statuses: readonly string[];
  qids?: IntervalSet;
  severities?: readonly number[];
  updatedSince?: string;
  updatedBefore?: string;
  /** LAST_PROCESSED_DATETIME after, before (`detection_processed_after`, `_before`). */
  lastProcessedAfter?: string;
  lastProcessedBefore?: string;
  /** LAST_TEST_DATETIME at or after, before. */
  lastTestedSince?: string;
  lastTestedBefore?: string;
  includeIgnored: boolean;
  includeDisabled: boolean;
  /** QDS bounds, inclusive: a detection without a QDS is outside them. */
  qdsMin?: number;
  qdsMax?: number;
}
