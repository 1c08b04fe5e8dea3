import type { HostDetections } from '../hosts/host-detections.js';
import type { DetectionType } from '../hosts/host.js';
import { generatedFindings, type Finding, type FindingSource } from './scan-results.js';

/** [Q] scan results name a confirmed vulnerability `Vuln`, a potential one `Practice`, information gathered `Ig`. */
const RESULT_TYPES: Readonly<Record<DetectionType, Finding['type']>> = { Confirmed: 'Vuln', Potential: 'Practice', Info: 'Ig' };

/**
 * [E] a host the hosts family knows is found with its own detections, after the information
 * gathered that every scan reports (generated); any other host with generated findings.
 */
export function findingsWith(hosts: HostDetections): FindingSource {
  return {
    findingsFor(ip, scan) {
      const generated = generatedFindings.findingsFor(ip, scan);
      const known = hosts.detectionsAt(ip);
      if (known === undefined) return generated;
      const gathered = generated.filter((f) => f.type === 'Ig');
      const seen = new Set(gathered.map((f) => f.qid));
      return [
        ...gathered,
        ...known
          .filter((d) => !seen.has(d.qid))
          .map((d) => ({
            qid: d.qid,
            // [E] a detection carries no title: the KnowledgeBase has it
            title: '',
            type: RESULT_TYPES[d.type],
            severity: d.severity,
            port: d.port === null ? '' : String(d.port),
            protocol: d.protocol ?? '',
            result: d.results ?? '',
          })),
      ];
    },
  };
}
