/** The TruRisk elements of a host list HOST. */
import { el, leaf, type XmlElement } from '../qualys/xml.js';
import { ASSET_CRITICALITY } from './trurisk.js';

/** What a host list shows of the risk (`show_ars`, `show_trurisk`, `show_trurisk_factors`). */
export interface RiskShow {
  ars: boolean;
  trurisk: boolean;
  factors: boolean;
}

export const showsRisk = (show: RiskShow) => show.ars || show.trurisk || show.factors;

/**
 * The risk elements of a host list HOST, after IP: TRURISK_SCORE and ASSET_CRITICALITY_SCORE, then
 * TRURISK_SCORE_FACTORS [Q: the order of qualyspy's models, which follow the DTD]. [E] Before them
 * ASSET_RISK_SCORE, TruRisk's former name, with the same value; the factors an empty
 * TRURISK_SCORE_FORMULA and a VULN_COUNT for each severity, `counts` of the host's open detections
 * of severity 1 to 5 (as a hand-written fixture shows them: docs/fidelity.md §20).
 */
export function riskElements(score: number, counts: readonly number[], show: RiskShow): XmlElement[] {
  return [
    ...(show.ars ? [leaf('ASSET_RISK_SCORE', String(score))] : []),
    ...(show.trurisk ? [leaf('TRURISK_SCORE', String(score)), leaf('ASSET_CRITICALITY_SCORE', String(ASSET_CRITICALITY))] : []),
    ...(show.factors
      ? [
          el(
            'TRURISK_SCORE_FACTORS',
            leaf('TRURISK_SCORE_FORMULA', ''),
            ...counts.map((n, i) => ({ name: 'VULN_COUNT', attrs: { qds_severity: String(i + 1) }, text: String(n) })),
          ),
        ]
      : []),
  ];
}
