import type { KbCvss } from '../knowledge-base/kb-cvss.js';
import { el, type XmlElement } from '../qualys/xml.js';
import { inDetection } from './host-xml.js';

/**
 * [Q: Elastic's qualys_vmdr README, sample events whose original XML is a detection answer of 2024
 * (find_string id 3705133770)] QDS_FACTORS, right after QDS: a QDS_FACTOR for each factor, its
 * value CDATA and its name an attribute, in the order RTI, exploit_maturity, CISA_vuln, CVSS,
 * CVSS_version, epss, trending, CVSS_vector, mitigation_controls, each only when known (an event
 * shows CVSS, CVSS_version, epss and CVSS_vector alone). [E] The emulator writes what its
 * KnowledgeBase holds: CVSS (the base score), CVSS_version (`v3.x` as the samples write it, `v2`
 * for an entry with CVSS v2 alone) and CVSS_vector (the base metrics, without the `CVSS:3.1/`
 * prefix and the temporal metrics, as the samples write it), of the entry's CVSS v3, else v2; no
 * QDS_FACTORS for a QID without a CVSS base score.
 */
function qdsFactors(cvss: KbCvss): XmlElement {
  const vector = cvss.vector && baseMetrics(cvss.vector, cvss.version);
  return el(
    'QDS_FACTORS',
    factor('CVSS', cvss.base),
    factor('CVSS_version', cvss.version === 3 ? 'v3.x' : 'v2'),
    vector ? factor('CVSS_vector', vector) : undefined,
  );
}

const factor = (name: string, value: string): XmlElement => ({ name: 'QDS_FACTOR', attrs: { name }, text: value, cdata: true });

/** The base metrics of each version, in their order. */
const BASE_METRICS = { 3: ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'], 2: ['AV', 'AC', 'Au', 'C', 'I', 'A'] } as const;

/** `CVSS:3.1/AV:N/.../A:H/E:U/RL:O` as `AV:N/.../A:H`; undefined when it holds none of them. */
function baseMetrics(vector: string, version: 2 | 3): string | undefined {
  const metrics = new Map(vector.split('/').map((part) => part.split(':', 2) as [string, string]));
  const kept = BASE_METRICS[version].filter((m) => metrics.has(m)).map((m) => `${m}:${metrics.get(m)}`);
  return kept.length > 0 ? kept.join('/') : undefined;
}

/**
 * The QDS_FACTORS of the QIDs of one call, each looked up and written once: its detections share
 * QIDs across chunks, and reading an entry's CVSS for each chunk made the factors half the page's
 * time. Holds an element per distinct QID listed.
 */
export class CallQdsFactors {
  private readonly written = new Map<number, XmlElement | undefined>();

  constructor(private readonly cvss: (qids: readonly number[]) => ReadonlyMap<number, KbCvss>) {}

  /** Looks up those of `qids` not looked up yet. */
  load(qids: Iterable<number>): void {
    const missing = [...new Set(qids)].filter((qid) => !this.written.has(qid));
    if (missing.length === 0) return;
    const found = this.cvss(missing);
    for (const qid of missing) {
      const cvss = found.get(qid);
      this.written.set(qid, cvss && inDetection(qdsFactors(cvss)));
    }
  }

  /** A loaded QID's QDS_FACTORS; undefined without a CVSS. */
  of(qid: number): XmlElement | undefined {
    return this.written.get(qid);
  }
}
