import { formatAddress } from '../qualys/ip-set.js';
import type { DetectionStatus, DetectionType, NewDetection, NewHost } from './host.js';
import { prng } from '../random.js';

/**
 * [E] A made-up subscription for load and paging tests: a seed number and a count give the same
 * hosts byte for byte, wherever and whenever they are made (no clock, no Math.random). The
 * distributions are plausible, not measured: most hosts tracked by IP, a Windows/Linux mix,
 * about twenty detections each, most of severity 2 to 4, a fifth of them Fixed.
 */

type Weighted<T> = readonly (readonly [T, number])[];

function pick<T>(random: () => number, choices: Weighted<T>): T {
  const total = choices.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return choices[choices.length - 1][0];
}

const TRACKING: Weighted<string> = [
  ['IP', 70],
  ['AGENT', 12],
  ['DNS', 10],
  ['NETBIOS', 5],
  ['EC2', 3],
];
const OSES: Weighted<string> = [
  ['Windows 10 Enterprise 64 bit Edition Version 22H2', 22],
  ['Windows 11 Enterprise 64 bit Edition Version 23H2', 12],
  ['Windows Server 2019 Datacenter 64 bit Edition Version 1809', 10],
  ['Windows Server 2022 Standard 64 bit Edition Version 21H2', 8],
  ['Ubuntu Linux 22.04', 12],
  ['Red Hat Enterprise Linux 8.9', 9],
  ['Debian Linux 12', 6],
  ['CentOS Linux 7.9.2009', 5],
  ['macOS 14.4', 5],
  ['Cisco IOS 15.2', 4],
  ['Linux 2.6', 4],
  ['Embedded Device', 3],
];
const SEVERITIES: Weighted<number> = [
  [1, 10],
  [2, 25],
  [3, 35],
  [4, 20],
  [5, 10],
];
const TYPES: Weighted<DetectionType> = [
  ['Confirmed', 60],
  ['Potential', 30],
  ['Info', 10],
];
const STATUSES: Weighted<DetectionStatus> = [
  ['Active', 55],
  ['Fixed', 22],
  ['New', 15],
  ['Re-Opened', 8],
];
const SERVICES: Weighted<readonly [number, string]> = [
  [[443, 'tcp'], 30],
  [[80, 'tcp'], 15],
  [[22, 'tcp'], 15],
  [[445, 'tcp'], 12],
  [[3389, 'tcp'], 10],
  [[53, 'udp'], 6],
  [[161, 'udp'], 4],
  [[8080, 'tcp'], 8],
];

/** [E] the generated hosts' dates are days before this moment, not before today: the same seed, the same bytes. */
const EPOCH = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const dateOf = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** The first address given to generated hosts: 10.0.0.1, the next host the next address. */
export const FIRST_GENERATED_IP = 10 * 2 ** 24 + 1;

/**
 * The QIDs generated detections name: `size` distinct numbers in the ranges Qualys's QIDs use,
 * sorted, the same for the same seed. A detection's QID is one of these; the KnowledgeBase makes
 * an entry for each one a generation's detections name (`HostService.generate`).
 */
export function qidPool(seed: number, size = 2000): number[] {
  const random = prng(seed ^ 0x51d);
  const qids = new Set<number>();
  while (qids.size < size) qids.add(10_000 + Math.floor(random() * 370_000));
  return [...qids].sort((a, b) => a - b);
}

/**
 * Host `id` of the subscription `seed` makes, at the address `FIRST_GENERATED_IP + id - 1`
 * (hosts are independent: any one can be made alone, and a count of them from an empty database
 * is hosts 1 to count).
 */
export function generatedHost(seed: number, id: number, qids: readonly number[]): NewHost {
  const index = id - 1;
  const random = prng((seed * 1_000_003 + index) >>> 0);
  const ip = FIRST_GENERATED_IP + index;
  const tracking = pick(random, TRACKING);
  const os = pick(random, OSES);
  const windows = os.startsWith('Windows');
  const name = `${windows ? 'win' : 'srv'}-${formatAddress(ip).replaceAll('.', '-')}`;
  const scanned = EPOCH - Math.floor(random() * 60 * DAY);
  const authenticated = random() < 0.6;
  const count = Math.min(80, Math.floor(-Math.log(1 - random()) * 20.5));
  const detections: NewDetection[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(random, TYPES);
    const status = pick(random, STATUSES);
    const firstFound = scanned - Math.floor(random() * 700 * DAY);
    const timesFound = 1 + Math.floor(random() * 50);
    const service = type === 'Info' ? undefined : pick(random, SERVICES);
    const lastFound = status === 'Fixed' ? scanned - Math.floor(random() * 30 * DAY) : scanned;
    detections.push({
      qid: qids[Math.floor(random() * qids.length)],
      type,
      severity: pick(random, SEVERITIES),
      port: service ? service[0] : null,
      protocol: service ? service[1] : null,
      fqdn: null,
      ssl: service?.[0] === 443 ? 1 : 0,
      results: `Made-up finding ${i + 1} of host ${id}: version ${1 + Math.floor(random() * 9)}.${Math.floor(random() * 20)} detected.`,
      status,
      first_found_datetime: dateOf(Math.min(firstFound, lastFound)),
      last_found_datetime: dateOf(lastFound),
      qds: 1 + Math.floor(random() * 100),
      times_found: timesFound,
      last_test_datetime: dateOf(scanned),
      last_update_datetime: dateOf(scanned),
      last_fixed_datetime: status === 'Fixed' ? dateOf(scanned) : null,
      is_ignored: random() < 0.02 ? 1 : 0,
      is_disabled: 0,
      last_processed_datetime: dateOf(scanned + 600_000),
    });
  }
  return {
    id,
    asset_id: 1_000_000 + id,
    ip,
    tracking_method: tracking,
    network_id: 0,
    dns: tracking === 'NETBIOS' ? null : `${name}.corp.example`,
    netbios: windows ? name.toUpperCase() : null,
    os,
    qg_hostid: tracking === 'AGENT' ? `${(seed >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}` : null,
    last_vuln_scan_datetime: dateOf(scanned + 600_000),
    last_vm_scanned_date: dateOf(scanned),
    last_vm_scanned_duration: 60 + Math.floor(random() * 1200),
    last_vm_auth_scanned_date: authenticated ? dateOf(scanned) : null,
    last_vm_auth_scanned_duration: authenticated ? 60 + Math.floor(random() * 600) : null,
    last_compliance_scan_datetime: null,
    owner: null,
    comments: null,
    tags: JSON.stringify(random() < 0.3 ? [{ tag_id: 7000 + (index % 5), name: `Made-up tag ${index % 5}` }] : []),
    detections,
  };
}
