import type { DetectionRow } from './host.js';

/**
 * A host's TruRisk score (docs/fidelity.md §20, "TruRisk"), a pure function of its detections:
 * the store keeps it in `hosts.trurisk`, written with the detections, so that `trurisk_min` and
 * `trurisk_max` filter in SQL. migrations/0017 writes the same formula in SQL for the hosts stored
 * before it: a change here is a migration there.
 */

/** What the score reads of a detection. */
type RiskInput = Pick<DetectionRow, 'type' | 'status' | 'severity' | 'qds' | 'is_ignored' | 'is_disabled'>;

/**
 * [Q: the asset tags docs page] an asset whose tags set no criticality has 2, on a scale of 1 to
 * 5; the emulator's tags set none.
 */
export const ASSET_CRITICALITY = 2;
/** [E] each severity's weight (1 to 5): the higher severities weigh the most. */
const WEIGHTS = [0.1, 0.25, 0.5, 1, 2];
/** [E] the weighted risk at which a score is half of 1000: about a typical generated host's. */
const HALF_SCORE_AT = 600;
/** [Q: docs] a TruRisk score is 0 to 1000. */
const MAX_SCORE = 1000;

/** [E] an open detection: confirmed or potential, not fixed, not ignored, not disabled. */
const isOpen = (d: RiskInput) => d.type !== 'Info' && d.status !== 'Fixed' && !d.is_ignored && !d.is_disabled;

/**
 * [E] The score: for each severity, the highest risk among its open detections (a detection's
 * QDS, or 20 per severity level when it has none), times the severity's weight and 1 + ln of how
 * many there are; summed and times the asset criticality, that risk `r` scores
 * 1000 × (1 − 2^(−r / 600)): 0 with none open, 500 at 600, nearing 1000 without reaching it but
 * for a host of very many severe detections, so hosts spread over the whole range.
 */
export function truRisk(detections: readonly RiskInput[]): number {
  const highest = [0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0];
  for (const d of detections) {
    if (!isOpen(d)) continue;
    counts[d.severity - 1]++;
    highest[d.severity - 1] = Math.max(highest[d.severity - 1], d.qds ?? 20 * d.severity);
  }
  let risk = 0;
  for (let s = 0; s < 5; s++) if (counts[s] > 0) risk += highest[s] * WEIGHTS[s] * (1 + Math.log(counts[s]));
  return Math.round(MAX_SCORE * (1 - 2 ** ((-ASSET_CRITICALITY * risk) / HALF_SCORE_AT)));
}
