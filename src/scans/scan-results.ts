import type { IntervalSet } from '../qualys/interval-set.js';
import { formatAddress } from '../qualys/ip-set.js';
import type { Scan } from './scan.js';

/**
 * What a finished scan found: per target host, results that follow from the host and the scan,
 * and how the host authenticated. [E] Deterministic: the same host always has the same
 * vulnerabilities, so a test can expect them; the information gathered names the scan.
 */
export interface Finding {
  qid: number;
  title: string;
  /** [Q] `Vuln`, `Practice` (potential), `Ig` (information gathered) as scan results name them. */
  type: 'Vuln' | 'Practice' | 'Ig';
  severity: number;
  port: string;
  protocol: string;
  result: string;
}

export type AuthStatus = 'Passed' | 'Failed' | 'Not Attempted';

export interface HostResult {
  ip: string;
  dns: string;
  netbios: string;
  findings: Finding[];
  /** Per technology (a record type's name), how the host authenticated. */
  auth: { type: string; status: AuthStatus }[];
}

/**
 * Where a host's findings come from: generated here (`generatedFindings`), or, for the hosts the
 * hosts family keeps, their detections (`findingsWith` in host-findings.ts).
 */
export interface FindingSource {
  findingsFor(ip: number, scan: Scan): Finding[];
}

/** [E] at most this many hosts of a target have results: a /8 scanned must not make millions of rows. */
export const MAX_RESULT_HOSTS = 1024;

/** [E] the vulnerabilities a generated host may have, with real QIDs and titles of Qualys's KnowledgeBase. */
const VULNS: readonly Omit<Finding, 'result'>[] = [
  { qid: 38628, title: 'SSL/TLS Server supports TLSv1.0', type: 'Vuln', severity: 3, port: '443', protocol: 'tcp' },
  { qid: 11827, title: 'HTTP Security Header Not Detected', type: 'Vuln', severity: 2, port: '80', protocol: 'tcp' },
  { qid: 38739, title: 'Deprecated SSH Cryptographic Settings', type: 'Vuln', severity: 3, port: '22', protocol: 'tcp' },
  { qid: 90043, title: 'SMB Signing Disabled or SMB Signing Not Required', type: 'Vuln', severity: 2, port: '445', protocol: 'tcp' },
];

/** A small stable hash of an address (FNV-1a over its four bytes). */
function hashOf(ip: number): number {
  let h = 0x811c9dc5;
  for (let shift = 24; shift >= 0; shift -= 8) {
    h ^= (ip >>> shift) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** [Q: QIDs 6, 82023 and 45038 are in every recorded fetch] the information gathered, then the host's vulnerabilities. */
export const generatedFindings: FindingSource = {
  findingsFor(ip, scan) {
    const name = `host-${formatAddress(ip).replaceAll('.', '-')}.emulator.test`;
    const h = hashOf(ip);
    const vulns = VULNS.filter((_, i) => (h >>> (i * 3)) % 3 === 0).map((v) => ({ ...v, result: `${v.title} detected on ${formatAddress(ip)}` }));
    const seconds = Math.max(1, Math.round(((scan.status.endedAt ?? scan.launchedAt) - (scan.status.startedAt ?? scan.launchedAt)) / 1000));
    return [
      { qid: 6, title: 'DNS Host Name', type: 'Ig', severity: 1, port: '', protocol: '', result: name },
      { qid: 82023, title: 'Open TCP Services List', type: 'Ig', severity: 1, port: '', protocol: '', result: vulns.map((v) => v.port).join(', ') || '22' },
      {
        qid: 45038,
        title: 'Host Scan Time - Scanner',
        type: 'Ig',
        severity: 1,
        port: '',
        protocol: '',
        result: `Scan duration: ${seconds} seconds (${scan.ref})`,
      },
      ...vulns,
    ];
  },
};

/** The first hosts of a target, at most `max`. */
export function targetHosts(target: IntervalSet, max = MAX_RESULT_HOSTS): number[] {
  const hosts: number[] = [];
  for (const [lo, hi] of target) for (let ip = lo; ip <= hi && hosts.length < max; ip++) hosts.push(ip);
  return hosts;
}

/** [E] the technologies every host shows, covered or not: the two a compliance scan needs. */
const ALWAYS_SHOWN = ['unix', 'windows'];

/** [Q product rule, issue 24; E statuses' names] Passed where a record of the type covered the host at launch, Failed where the harness said so, else Not Attempted. */
export function authOf(scan: Scan, ip: number): HostResult['auth'] {
  const types = [...new Set([...ALWAYS_SHOWN, ...scan.authCovered.map((c) => c.type), ...scan.authFailed.map((c) => c.type)])];
  const inAny = (list: Scan['authCovered'], type: string) => list.some((c) => c.type === type && c.ranges.some(([lo, hi]) => ip >= lo && ip <= hi));
  return types.map((type) => ({
    type,
    status: inAny(scan.authFailed, type) ? 'Failed' : inAny(scan.authCovered, type) ? 'Passed' : 'Not Attempted',
  }));
}

/** Each target host's results; [E] none for a scan that found no host alive or never ran. */
export function scanResults(scan: Scan, source: FindingSource): HostResult[] {
  if (scan.status.subState === 'No_Host' || scan.status.startedAt === undefined) return [];
  return targetHosts(scan.target).map((ip) => {
    const findings = source.findingsFor(ip, scan);
    return { ip: formatAddress(ip), dns: findings.find((f) => f.qid === 6)?.result ?? '', netbios: '', findings, auth: authOf(scan, ip) };
  });
}

/**
 * [Q] a finished scan's SUB_STATE: the one a harness forced (`No_Host`...), else `No_Vuln` when no
 * host has a vulnerability, else none; nothing before it finishes.
 */
export function subStateOf(scan: Scan, source: FindingSource): string | undefined {
  if (scan.status.state !== 'Finished') return undefined;
  if (scan.status.subState !== undefined) return scan.status.subState;
  return targetHosts(scan.target).some((ip) => source.findingsFor(ip, scan).some((f) => f.type === 'Vuln')) ? undefined : 'No_Vuln';
}
