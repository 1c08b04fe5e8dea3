import { prng } from '../random.js';
import { cvss2Base, cvss2Temporal, cvss3Base, cvss3Temporal } from './cvss-score.js';
import type { KbEntry } from './kb-entry.js';

/**
 * Made-up KnowledgeBase entries for generated subscriptions: the same QID and seed always give
 * the same entry, byte for byte, with no clock and no global state. [E] The prose is invented
 * from word lists (never Qualys's text), vendors and products are fictitious, CVE-like IDs are
 * well-formed but name nothing, and reference URLs point at example.com. The distributions
 * (severities, types, CVSS ranges per severity, dates) are chosen to look like a real
 * subscription's, not measured from one (docs/fidelity.md §21).
 */

/** The draws for one QID: the seed mixed with the QID, so each entry stands alone. */
const random = (qid: number, seed: number) => prng((Math.imul(qid ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(seed >>> 0, 0xc2b2ae35)) >>> 0);

type Random = () => number;
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)];
/** One of `items`, each as likely as its weight. */
function weighted<T>(r: Random, items: readonly (readonly [T, number])[]): T {
  let x = r() * items.reduce((n, [, w]) => n + w, 0);
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}
const between = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const VENDORS = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Litware', 'Adatum', 'Proseware', 'Fourth Coffee', 'Woodgrove'];
const PRODUCTS = [
  'Gateway',
  'Web Server',
  'Mail Relay',
  'Directory Service',
  'Database Engine',
  'VPN Client',
  'Print Spooler',
  'Kernel',
  'Office Suite',
  'Media Player',
  'SSH Daemon',
  'Application Server',
];
const WEAKNESSES = [
  'Remote Code Execution',
  'Privilege Escalation',
  'Denial of Service',
  'Information Disclosure',
  'Cross-Site Scripting',
  'SQL Injection',
  'Authentication Bypass',
  'Buffer Overflow',
  'Path Traversal',
  'Security Feature Bypass',
];
const INFO_TITLES = [
  'Open TCP Services List',
  'Host Scan Time',
  'Installed Packages Enumerated',
  'Network Adapter Details',
  'Certificate Details Collected',
  'Host Uptime Reported',
];
const CATEGORIES = [
  'Windows',
  'Local',
  'General remote services',
  'Web server',
  'CGI',
  'Database',
  'Debian',
  'Ubuntu',
  'RedHat',
  'SUSE',
  'Security Policy',
  'Mail services',
];
const AUTH_TYPES = ['Windows', 'Unix', 'SNMP', 'Oracle', 'VMware', 'MySQL', 'HTTP'];
/** [Q recorded] THREAT_INTEL ids and names seen in live answers. */
const THREATS: readonly (readonly [string, string])[] = [
  ['2', 'Exploit_Public'],
  ['7', 'Denial_of_Service'],
  ['8', 'No_Patch'],
  ['11', 'Wormable'],
  ['13', 'Privilege_Escalation'],
  ['14', 'Unauthenticated_Exploitation'],
  ['15', 'Remote_Code_Execution'],
];

/** [E] CVSS base ranges by severity level (v3 and v2 alike), as Qualys's severities roughly follow them. */
const SCORE_RANGE: Readonly<Record<number, readonly [number, number]>> = { 1: [0.1, 3.9], 2: [2.0, 4.9], 3: [4.0, 6.9], 4: [7.0, 8.9], 5: [9.0, 10.0] };

/** A CVSS version's metric choices, each combination scored once, and those in each severity's range. */
function vectorSpace(choices: readonly (readonly string[])[], scoreOf: (values: readonly string[]) => number) {
  const all = choices.reduce<string[][]>((done, values) => done.flatMap((head) => values.map((v) => [...head, v])), [[]]);
  const scores = new Map(all.map((values) => [values.join('/'), scoreOf(values)]));
  const fitting = new Map<number, string[][]>();
  const inRange = (values: readonly string[], severity: number) => {
    const [lo, hi] = SCORE_RANGE[severity];
    const score = scores.get(values.join('/')) ?? Number.NaN;
    return score >= lo && score <= hi;
  };
  return {
    choices,
    inRange,
    fits(severity: number): string[][] {
      const fits = fitting.get(severity) ?? all.filter((values) => inRange(values, severity));
      fitting.set(severity, fits);
      return fits;
    },
  };
}

/**
 * A vector scoring in the severity's range: the one drawn when it does, else one of those that do,
 * chosen by one more draw (the draw that once was the score, so that the draws after it stay).
 */
function vectorInRange(r: Random, space: ReturnType<typeof vectorSpace>, severity: number): string[] {
  const drawn = space.choices.map((values) => pick(r, values));
  const other = r();
  if (space.inRange(drawn, severity)) return drawn;
  const fits = space.fits(severity);
  return fits[Math.floor(other * fits.length)];
}

/** A date and time between `from` and `to` (milliseconds), as Qualys writes them. */
const datetime = (r: Random, from: number, to: number) => `${new Date(from + Math.floor((r() * (to - from)) / 1000) * 1000).toISOString().slice(0, 19)}Z`;
const EARLIEST = Date.UTC(2005, 0, 1);
/** [E] a fixed "now", so that entries do not depend on the clock. */
const LATEST = Date.UTC(2026, 10, 30);

const v2Vector = ([av, ac, au, c, i, a]: readonly string[]) => `CVSS:2.0/AV:${av}/AC:${ac}/Au:${au}/C:${c}/I:${i}/A:${a}`;
const V2_SPACE = vectorSpace(
  [
    ['N', 'A', 'L'],
    ['L', 'M', 'H'],
    ['N', 'S'],
    ['N', 'P', 'C'],
    ['N', 'P', 'C'],
    ['N', 'P', 'C'],
  ],
  (v) => cvss2Base(v2Vector(v)),
);

function cvssV2(r: Random, severity: number) {
  const [av, ac, au, ...impacts] = vectorInRange(r, V2_SPACE, severity);
  const vector = `${v2Vector([av, ac, au, ...impacts])}/E:U/RL:OF/RC:C`;
  r(); // the draw that once was the temporal score, kept so that the draws after it stay
  return {
    base: { value: cvss2Base(vector).toFixed(1), source: 'service' },
    temporal: cvss2Temporal(vector).toFixed(1),
    vector_string: vector,
    access: { vector: String(['L', 'A', 'N'].indexOf(av) + 1), complexity: String(['H', 'M', 'L'].indexOf(ac) + 1) },
    impact: {
      confidentiality: String(['N', 'P', 'C'].indexOf(impacts[0]) + 1),
      integrity: String(['N', 'P', 'C'].indexOf(impacts[1]) + 1),
      availability: String(['N', 'P', 'C'].indexOf(impacts[2]) + 1),
    },
    authentication: au === 'N' ? '1' : '2',
    exploitability: String(between(r, 0, 4)),
    remediation_level: String(between(r, 1, 4)),
    report_confidence: String(between(r, 1, 3)),
  };
}

const v3Vector = ([av, ac, pr, ui, s, c, i, a]: readonly string[]) => `CVSS:3.1/AV:${av}/AC:${ac}/PR:${pr}/UI:${ui}/S:${s}/C:${c}/I:${i}/A:${a}`;
const V3_SPACE = vectorSpace(
  [
    ['N', 'A', 'L', 'P'],
    ['L', 'H'],
    ['N', 'L', 'H'],
    ['N', 'R'],
    ['U', 'C'],
    ['N', 'L', 'H'],
    ['N', 'L', 'H'],
    ['N', 'L', 'H'],
  ],
  (v) => cvss3Base(v3Vector(v)),
);

function cvssV3(r: Random, severity: number) {
  const [av, ac, pr, ui, s, ...cia] = vectorInRange(r, V3_SPACE, severity);
  const vector = `${v3Vector([av, ac, pr, ui, s, ...cia])}/E:U/RL:O/RC:C`;
  r(); // the draw that once was the temporal score, kept so that the draws after it stay
  return {
    base: cvss3Base(vector).toFixed(1),
    temporal: cvss3Temporal(vector).toFixed(1),
    vector_string: vector,
    cvss3_version: '3.1',
    attack: { vector: String(['P', 'L', 'A', 'N'].indexOf(av) + 1), complexity: String(['H', 'L'].indexOf(ac) + 1) },
    impact: {
      confidentiality: String(['N', 'L', 'H'].indexOf(cia[0]) + 1),
      integrity: String(['N', 'L', 'H'].indexOf(cia[1]) + 1),
      availability: String(['N', 'L', 'H'].indexOf(cia[2]) + 1),
    },
    privileges_required: String(['H', 'L', 'N'].indexOf(pr) + 1),
    user_interaction: String(['R', 'N'].indexOf(ui) + 1),
    scope: String(['U', 'C'].indexOf(s) + 1),
    exploit_code_maturity: String(between(r, 1, 4)),
    remediation_level: String(between(r, 1, 4)),
    report_confidence: String(between(r, 1, 3)),
  };
}

/** A generated entry: what a detection of its QID takes from it (severity, type) is always there. */
export type GeneratedKbEntry = KbEntry & { readonly qid: string; readonly severity_level: string; readonly vuln_type: string; readonly title: string };

/**
 * A made-up KnowledgeBase entry for `qid`, the same for the same `qid` and `seed`: in the seed's
 * shape (kb-schema.ts), so `knowledge_base` seeds and the store take it as it is.
 */
export function generateKbEntry(qid: number, seed: number): GeneratedKbEntry {
  const r = random(qid, seed);
  const vulnType = weighted(r, [
    ['Vulnerability', 60],
    ['Potential Vulnerability', 15],
    ['Vulnerability or Potential Vulnerability', 10],
    ['Information Gathered', 15],
  ] as const);
  const info = vulnType === 'Information Gathered';
  const severity = info
    ? weighted(r, [
        [1, 3],
        [2, 1],
      ] as const)
    : weighted(r, [
        [1, 5],
        [2, 15],
        [3, 40],
        [4, 28],
        [5, 12],
      ] as const);
  const vendor = pick(r, VENDORS);
  const product = pick(r, PRODUCTS);
  const weakness = pick(r, WEAKNESSES);
  const published = datetime(r, EARLIEST, LATEST);
  const modified = datetime(r, Date.parse(published), LATEST);
  const year = published.slice(0, 4);
  const patchable = !info && r() < 0.8;
  const exploit = !info && r() < 0.3;
  const remote = r() < 0.55;
  const authTypes = AUTH_TYPES.filter(() => r() < 0.25);
  if (!remote && authTypes.length === 0) authTypes.push(pick(r, ['Windows', 'Unix']));
  const cves = info ? [] : Array.from({ length: between(r, 1, 4) }, () => `CVE-${year}-${between(r, 1000, 59999)}`);
  const threats = info ? [] : THREATS.filter(([id]) => (id === '2' ? exploit : id === '8' ? !patchable : r() < 0.15));
  const title = info
    ? `${pick(r, INFO_TITLES)} (${product})`
    : `${vendor} ${product} ${weakness} Vulnerability (${vendor.slice(0, 2).toUpperCase()}-${year}-${between(r, 100, 999)})`;
  const additional = [patchable && 'Patch Available', exploit && 'Exploit Available'].filter(Boolean).join(', ');
  const entry: GeneratedKbEntry = {
    qid: String(qid),
    vuln_type: vulnType,
    severity_level: String(severity),
    title,
    category: pick(r, CATEGORIES),
    last_service_modification_datetime: modified,
    published_datetime: published,
    patchable: patchable ? '1' : '0',
    software_list: [{ product: product.toLowerCase().replace(/ /g, '_'), vendor: vendor.toLowerCase().replace(/ /g, '_') }],
    ...(info
      ? {}
      : {
          vendor_reference_list: [
            {
              id: `${vendor.toUpperCase().replace(/ /g, '')}-SA-${year}-${between(r, 1, 99)}`,
              url: `https://security.example.com/${vendor.toLowerCase().replace(/ /g, '-')}/${year}/${qid}`,
            },
          ],
          cve_list: cves.map((id) => ({ id, url: `https://cve.example.com/${id}` })),
        }),
    diagnosis: info
      ? `This check reports ${product.toLowerCase()} details gathered from the host during the scan.`
      : `The ${vendor} ${product} on this host is affected by a ${weakness.toLowerCase()} weakness in how it handles crafted input.`,
    consequence: info ? 'Not applicable.' : `An attacker who reaches the ${product.toLowerCase()} could achieve ${weakness.toLowerCase()}.`,
    solution: patchable
      ? `Apply the update ${vendor} published for ${product} in advisory ${title.slice(title.lastIndexOf('(') + 1, -1)}.`
      : 'No update is available; restrict access to the service.',
    ...(exploit
      ? {
          correlation: {
            exploits: [
              {
                src_name: 'Sample Exploit Feed',
                explt_list: [{ ref: cves[0], desc: `${vendor} ${product} proof of concept`, link: `https://exploits.example.com/${qid}` }],
              },
            ],
          },
        }
      : {}),
    ...(info ? {} : { cvss: cvssV2(r, severity), cvss_v3: cvssV3(r, severity) }),
    pci_flag: severity >= 3 && !info ? '1' : '0',
    ...(severity >= 3 && !info ? { pci_reasons: [`Severity ${severity} vulnerability`] } : {}),
    ...(threats.length > 0 ? { threat_intelligence: threats.map(([id, value]) => ({ value, id })) } : {}),
    discovery: {
      remote: remote ? '1' : '0',
      ...(authTypes.length > 0 ? { auth_type_list: authTypes } : {}),
      ...(additional ? { additional_info: additional } : {}),
    },
  };
  // drawn last, so that the draws above give the entries they gave before 3.0's date was made
  return patchable ? { ...entry, patch_published_date: datetime(r, Date.parse(published), Date.parse(modified)) } : entry;
}
