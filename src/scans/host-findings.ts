import { generatedFindings, type Finding, type FindingSource } from './scan-results.js';

/** [Q] a detection's TYPE as the hosts family keeps it (host_list_vm_detection_output.dtd). */
export type DetectionType = 'Confirmed' | 'Potential' | 'Info';

/** A detection the hosts family keeps for a host. */
export interface KnownDetection {
  qid: number;
  type: DetectionType;
  severity: number;
  port: number | null;
  protocol: string | null;
  results: string | null;
}

/**
 * What scans take from the hosts family when it offers it (`hostDetections`): the detections of
 * the host at an address, so that a scan finds what the host list says the host has.
 */
export interface HostDetections {
  /** The detections of the host at `ip`; undefined when no host has that address. */
  detectionsAt(ip: number): readonly KnownDetection[] | undefined;
}

/** [Q] scan results name a confirmed vulnerability `Vuln`, a potential one `Practice`, information gathered `Ig`. */
const RESULT_TYPES: Readonly<Record<DetectionType, Finding['type']>> = { Confirmed: 'Vuln', Potential: 'Practice', Info: 'Ig' };

/**
 * [E] a host the hosts family knows is found with its own detections, after the information
 * gathered that every scan reports (generated); any other host with generated findings.
 */
export function findingsWith(hosts: HostDetections | undefined): FindingSource {
  if (hosts === undefined) return generatedFindings;
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
