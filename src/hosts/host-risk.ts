import { el, leaf, type XmlElement } from '../qualys/xml.js';
import type { HostRow } from './host.js';
import type { DetectionFilter, HostStore, SeverityCount } from './host-store.js';

/**
 * A host's TruRisk score, which the emulator derives from the host's open detections, as Qualys
 * derives its own from them and the asset's criticality (docs/fidelity.md §20, "TruRisk").
 */

/** [E] a host's open detections: confirmed or potential, not fixed, not ignored, not disabled. */
const OPEN: DetectionFilter = {
  types: ['Confirmed', 'Potential'],
  statuses: ['New', 'Active', 'Re-Opened'],
  includeIgnored: false,
  includeDisabled: false,
};

/**
 * [Q: the asset tags docs page] an asset whose tags set no criticality has 2, on a scale of 1 to
 * 5; the emulator's tags set none.
 */
const ASSET_CRITICALITY = 2;
/** [E] each severity's weight (1 to 5), in tenths: the higher severities weigh the most. */
const WEIGHTS = [2, 5, 10, 20, 40];
/** [Q: docs] a TruRisk score is 0 to 1000. */
const MAX_SCORE = 1000;

export interface HostRisk {
  score: number;
  /** Open detections by severity, 1 to 5. */
  counts: number[];
}

/** A host's open detections of one severity, counted by the store. */
type Severity = Pick<SeverityCount, 'severity' | 'count' | 'max_qds' | 'without_qds'>;

/**
 * [E] The score: for each severity, the highest risk among the open detections of that severity
 * (a detection's QDS, or 20 per severity level when it has none), times the severity's weight;
 * summed, times the asset criticality, at most 1000.
 */
function hostRisk(severities: readonly Severity[]): HostRisk {
  const counts = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const s of severities) {
    counts[s.severity - 1] = s.count;
    sum += Math.max(s.max_qds ?? 0, s.without_qds ? 20 * s.severity : 0) * WEIGHTS[s.severity - 1];
  }
  return { score: Math.min(MAX_SCORE, Math.round((ASSET_CRITICALITY * sum) / 10)), counts };
}

/** The risk of each of `hosts`, a chunk read by ID, from one read of their open detections. */
export function risksOf(store: HostStore, hosts: readonly HostRow[]): Map<number, HostRisk> {
  const byHost = new Map<number, Severity[]>(hosts.map((h) => [h.id, []]));
  if (hosts.length > 0) for (const s of store.severities(hosts[0].id, hosts[hosts.length - 1].id, OPEN)) byHost.get(s.host_id)?.push(s);
  return new Map([...byHost].map(([id, severities]) => [id, hostRisk(severities)]));
}

/** What a host list shows of the risk (`show_ars`, `show_trurisk`, `show_trurisk_factors`). */
export interface RiskShow {
  ars: boolean;
  trurisk: boolean;
  factors: boolean;
}

export const showsRisk = (show: RiskShow) => show.ars || show.trurisk || show.factors;

/**
 * The risk elements of a host list HOST, after IP [C: the DTD order qualyspy's models and a
 * Qualys-to-Tenable importer's fixture keep]: ASSET_RISK_SCORE (TruRisk's former name, the same
 * value [C]), TRURISK_SCORE and ASSET_CRITICALITY_SCORE, then TRURISK_SCORE_FACTORS, an empty
 * TRURISK_SCORE_FORMULA as the fixture shows and a VULN_COUNT for each severity.
 */
export function riskElements(risk: HostRisk, show: RiskShow): XmlElement[] {
  const score = String(risk.score);
  return [
    ...(show.ars ? [leaf('ASSET_RISK_SCORE', score)] : []),
    ...(show.trurisk ? [leaf('TRURISK_SCORE', score), leaf('ASSET_CRITICALITY_SCORE', String(ASSET_CRITICALITY))] : []),
    ...(show.factors
      ? [
          el(
            'TRURISK_SCORE_FACTORS',
            leaf('TRURISK_SCORE_FORMULA', ''),
            ...risk.counts.map((n, i) => ({ name: 'VULN_COUNT', attrs: { qds_severity: String(i + 1) }, text: String(n) })),
          ),
        ]
      : []),
  ];
}
