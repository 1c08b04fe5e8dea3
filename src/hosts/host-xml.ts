import { formatAddress } from '../qualys/ip-set.js';
import { cdataLeaf, el, elOf, leaf, prerender, type XmlElement } from '../qualys/xml.js';
import type { DetectionRow, HostRow, HostTag } from './host.js';

/**
 * The HOST elements of the host list and of the detection list, in the DTDs' order
 * (docs/fidelity.md §20): the host list puts DNS before OS, the detection list OS first [Q].
 */

/** What a host list shows of each host (`details`, `show_asset_id`, `show_tags`). */
export interface HostListShow {
  /** [Q] `All` adds the scan dates, owner and comments to `Basic`. */
  all: boolean;
  assetId: boolean;
  tags: boolean;
}

/** What a detection list shows (`show_asset_id`, `show_tags`, `show_results`, `show_qds`). */
export interface DetectionShow {
  assetId: boolean;
  tags: boolean;
  results: boolean;
  qds: boolean;
}

const text = (name: string, value: string | null) => (value === null || value === '' ? undefined : leaf(name, value));
const cdata = (name: string, value: string | null) => (value === null || value === '' ? undefined : cdataLeaf(name, value));
const num = (name: string, value: number | null) => (value === null ? undefined : leaf(name, String(value)));

/** [Q recorded, 2022] DNS_DATA: the name's first label, the rest, and the whole. */
function dnsData(dns: string | null): XmlElement | undefined {
  if (dns === null || dns === '') return undefined;
  const dot = dns.indexOf('.');
  return el('DNS_DATA', cdataLeaf('HOSTNAME', dot < 0 ? dns : dns.slice(0, dot)), cdata('DOMAIN', dot < 0 ? null : dns.slice(dot + 1)), cdataLeaf('FQDN', dns));
}

function tags(json: string): XmlElement | undefined {
  const list = JSON.parse(json) as HostTag[];
  if (list.length === 0) return undefined;
  return elOf(
    'TAGS',
    list.map((t) => el('TAG', leaf('TAG_ID', String(t.tag_id)), cdataLeaf('NAME', t.name))),
  );
}

/** ID, ASSET_ID and IP, then `afterIp` and TRACKING_METHOD: how a HOST of either list begins. */
const identity = (h: HostRow, assetId: boolean, afterIp: readonly XmlElement[] = []) => [
  leaf('ID', String(h.id)),
  assetId && num('ASSET_ID', h.asset_id),
  leaf('IP', formatAddress(h.ip)),
  ...afterIp,
  leaf('TRACKING_METHOD', h.tracking_method),
];

/** DNS, DNS_DATA and NETBIOS, in both lists' order. */
const names = (h: HostRow) => [cdata('DNS', h.dns), dnsData(h.dns), cdata('NETBIOS', h.netbios)];

/** The last VM scan and authenticated scan, each with its duration, in both lists' order. */
const vmScans = (h: HostRow) => [
  text('LAST_VM_SCANNED_DATE', h.last_vm_scanned_date),
  num('LAST_VM_SCANNED_DURATION', h.last_vm_scanned_duration),
  text('LAST_VM_AUTH_SCANNED_DATE', h.last_vm_auth_scanned_date),
  num('LAST_VM_AUTH_SCANNED_DURATION', h.last_vm_auth_scanned_duration),
];

/**
 * A HOST of HOST_LIST_OUTPUT; `groups` (details `/AGs`) its ASSET_GROUP_IDS, the DTD's last element;
 * `risk`, its TruRisk elements (host-risk-xml.ts), which follow IP.
 */
export function hostListHost(h: HostRow, show: HostListShow, groups?: XmlElement, risk: readonly XmlElement[] = []): XmlElement {
  return el(
    'HOST',
    ...identity(h, show.assetId, risk),
    ...names(h),
    cdata('OS', h.os),
    cdata('QG_HOSTID', h.qg_hostid),
    show.tags && tags(h.tags),
    ...(show.all
      ? [
          text('LAST_VULN_SCAN_DATETIME', h.last_vuln_scan_datetime),
          ...vmScans(h),
          text('LAST_COMPLIANCE_SCAN_DATETIME', h.last_compliance_scan_datetime),
          cdata('OWNER', h.owner),
          cdata('COMMENTS', h.comments),
        ]
      : []),
    groups,
  );
}

/**
 * A DETECTION, in the order of the 2023 recording and the DTD, written from its columns;
 * `qdsFactors`, its QDS_FACTORS (qds-factors.ts), goes after QDS.
 */
export function detectionElement(d: Omit<DetectionRow, 'host_id'>, show: DetectionShow, qdsFactors?: XmlElement): XmlElement {
  return el(
    'DETECTION',
    leaf('UNIQUE_VULN_ID', String(d.unique_vuln_id)),
    leaf('QID', String(d.qid)),
    leaf('TYPE', d.type),
    leaf('SEVERITY', String(d.severity)),
    num('PORT', d.port),
    text('PROTOCOL', d.protocol),
    cdata('FQDN', d.fqdn),
    leaf('SSL', String(d.ssl)),
    show.results && cdata('RESULTS', d.results),
    leaf('STATUS', d.status),
    leaf('FIRST_FOUND_DATETIME', d.first_found_datetime),
    leaf('LAST_FOUND_DATETIME', d.last_found_datetime),
    show.qds && d.qds !== null && { name: 'QDS', attrs: { severity: qdsSeverity(d.qds) }, text: String(d.qds) },
    show.qds && d.qds !== null && qdsFactors,
    leaf('TIMES_FOUND', String(d.times_found)),
    leaf('LAST_TEST_DATETIME', d.last_test_datetime),
    leaf('LAST_UPDATE_DATETIME', d.last_update_datetime),
    text('LAST_FIXED_DATETIME', d.last_fixed_datetime),
    leaf('IS_IGNORED', String(d.is_ignored)),
    leaf('IS_DISABLED', String(d.is_disabled)),
    leaf('LAST_PROCESSED_DATETIME', d.last_processed_datetime),
  );
}

/** [Q] the QDS attribute's bands; [E] their bounds (Qualys's TruRisk bands: 1-39, 40-69, 70-89, 90-100). */
function qdsSeverity(qds: number): string {
  return qds >= 90 ? 'CRITICAL' : qds >= 70 ? 'HIGH' : qds >= 40 ? 'MEDIUM' : 'LOW';
}

/** What the detection list shows unless asked otherwise, which each detection is stored written as. */
export const STORED_SHOW: DetectionShow = { assetId: false, tags: false, results: true, qds: false };
/**
 * DETECTION's place: HOST_LIST_VM_DETECTION_OUTPUT, RESPONSE, HOST_LIST, HOST, DETECTION_LIST above
 * it; a v5.0 ASSET_GROUP's too, with ASSET_GROUP_LIST for DETECTION_LIST.
 */
export const DETECTION_DEPTH = 5;
const DETECTION_INDENT = '  '.repeat(DETECTION_DEPTH);

/** Whether a list shows detections as they are stored written. */
export const showsStored = (show: DetectionShow) => show.results === STORED_SHOW.results && show.qds === STORED_SHOW.qds;

/**
 * The version of the DETECTION elements `storedXml` writes: raise it with any change to their
 * bytes (detectionElement, STORED_SHOW, the renderer), and a database holding elements of another
 * version has them written again from their columns at start-up (stored-detections.ts).
 */
export const DETECTION_FORMS_VERSION = 1;

/** A child of DETECTION written once, to be copied into every DETECTION that holds it. */
export const inDetection = (child: XmlElement): XmlElement => prerender(child, DETECTION_DEPTH + 1);

/** A detection's DETECTION element as it is stored. */
export const storedXml = (d: Omit<DetectionRow, 'host_id'>): Buffer => prerender(detectionElement(d, STORED_SHOW), DETECTION_DEPTH).written!.bytes;

/** Stored DETECTION elements (one, or several joined by newlines), copied as they are into the HOST they are listed in. */
export const storedDetection = (bytes: Buffer): XmlElement => ({ name: 'DETECTION', written: { indent: DETECTION_INDENT, bytes } });

/**
 * A HOST of HOST_LIST_VM_DETECTION_OUTPUT with its DETECTION_LIST (DETECTION elements, rendered or
 * stored); `place`, what its version writes after TRACKING_METHOD (host-versions.ts).
 */
export function detectionHost(h: HostRow, detections: readonly XmlElement[], show: DetectionShow, place: readonly XmlElement[] = []): XmlElement {
  return el(
    'HOST',
    ...identity(h, show.assetId),
    ...place,
    cdata('OS', h.os),
    ...names(h),
    cdata('QG_HOSTID', h.qg_hostid),
    text('LAST_SCAN_DATETIME', h.last_vuln_scan_datetime),
    ...vmScans(h),
    show.tags && tags(h.tags),
    elOf('DETECTION_LIST', detections),
  );
}
