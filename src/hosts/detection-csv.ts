import { formatAddress } from '../qualys/ip-set.js';
import type { DetectionRow, HostRow } from './host.js';
import type { DetectionShow } from './host-xml.js';

/**
 * [Q: Qualys's samples 3-6, 2018] the detections' CSV: one row per detection, host columns
 * first; non-empty values quoted, empty ones left empty.
 */

const HOST_COLUMNS: readonly [string, (h: HostRow) => string | number | null][] = [
  ['Host ID', (h) => h.id],
  ['IP Address', (h) => formatAddress(h.ip)],
  ['Tracking Method', (h) => h.tracking_method],
  ['Operating System', (h) => h.os],
  ['DNS Name', (h) => h.dns],
  ['Netbios Name', (h) => h.netbios],
  ['Last Scan Datetime', (h) => h.last_vuln_scan_datetime],
  ['OS CPE', () => null],
  ['Last VM Scanned Date', (h) => h.last_vm_scanned_date],
  ['Last VM Scanned Duration', (h) => h.last_vm_scanned_duration],
  ['Last VM Auth Scanned Date', (h) => h.last_vm_auth_scanned_date],
  ['Last VM Auth Scanned Duration', (h) => h.last_vm_auth_scanned_duration],
  ['Last PC Scanned Date', (h) => h.last_compliance_scan_datetime],
];

const DETECTION_COLUMNS: readonly [string, (d: DetectionRow, show: DetectionShow) => string | number | null][] = [
  ['QID', (d) => d.qid],
  ['Type', (d) => d.type],
  ['Port', (d) => d.port],
  ['Protocol', (d) => d.protocol],
  ['FQDN', (d) => d.fqdn],
  ['SSL', (d) => d.ssl],
  ['Instance', () => null],
  ['Status', (d) => d.status],
  ['Severity', (d) => d.severity],
  ['First Found Datetime', (d) => d.first_found_datetime],
  ['Last Found Datetime', (d) => d.last_found_datetime],
  ['Last Test Datetime', (d) => d.last_test_datetime],
  ['Last Update Datetime', (d) => d.last_update_datetime],
  ['Last Fixed Datetime', (d) => d.last_fixed_datetime],
  ['Results', (d, show) => (show.results ? d.results : null)],
  ['Ignored', (d) => d.is_ignored],
  ['Disabled', (d) => d.is_disabled],
  ['Times Found', (d) => d.times_found],
  ['Service', () => null],
];

const cell = (v: string | number | null) => (v === null || v === '' ? '' : `"${String(v).replaceAll('"', '""')}"`);

export const CSV_HEADER = `${[...HOST_COLUMNS, ...DETECTION_COLUMNS].map(([name]) => cell(name)).join(',')}\n`;

const HOST_BLANKS = ','.repeat(HOST_COLUMNS.length);
const DETECTION_BLANKS = ','.repeat(DETECTION_COLUMNS.length);

/**
 * A host's rows. [Q: samples 5, 6] `suppress` writes the host once, its detection columns empty,
 * then each detection with the host columns empty.
 */
export function csvRows(h: HostRow, detections: readonly DetectionRow[], show: DetectionShow, suppress: boolean): string {
  const host = HOST_COLUMNS.map(([, get]) => cell(get(h))).join(',');
  let out = suppress ? `${host}${DETECTION_BLANKS}\n` : '';
  for (const d of detections) {
    const values = DETECTION_COLUMNS.map(([, get]) => cell(get(d, show))).join(',');
    out += suppress ? `${HOST_BLANKS}${values}\n` : `${host},${values}\n`;
  }
  return out;
}

const BEGIN = '----BEGIN_RESPONSE_HEADER_CSV\n----END_RESPONSE_HEADER_CSV\n----BEGIN_RESPONSE_BODY_CSV\n';

/** The CSV before the first row: the markers with the header row, or (CSV_NO_METADATA) the header row alone. */
export const csvHead = (metadata: boolean) => Buffer.from(metadata ? BEGIN + CSV_HEADER : CSV_HEADER);

/**
 * [Q: samples 3, 4] the footer: `"Finished"`, or `"Truncated"` with the next page's first host ID
 * and URL. [E] CSV_NO_METADATA has none, so its pages say nothing of the next.
 */
export function csvTail(metadata: boolean, next?: { id: number; url: string }): Buffer {
  if (!metadata) return Buffer.alloc(0);
  const status = next ? `"Status Message","Next ID","Next URL"\n"Truncated",${cell(next.id)},${cell(next.url)}\n` : `"Status Message"\n"Finished"\n`;
  return Buffer.from(`----END_RESPONSE_BODY_CSV\n----BEGIN_RESPONSE_FOOTER_CSV\n${status}----END_RESPONSE_FOOTER_CSV\n`);
}
