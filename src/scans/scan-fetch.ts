import type { ActionContext, ActionResult } from '../qualys/endpoint.js';
import { qualysDateTime, requestElement } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { formatIpSet, parseIpSet } from '../qualys/ip-set.js';
import { intersect } from '../qualys/interval-set.js';
import { cdataLeaf, el, elOf, leaf, type XmlDocumentSpec } from '../qualys/xml.js';
import { durationOf } from './scan-clock.js';
import { targetText } from './scan-output.js';
import { scanResults, type FindingSource, type HostResult } from './scan-results.js';
import type { Scan } from './scan.js';

export const COMPLIANCE_RESULT_DTD = '/api/2.0/fo/scan/compliance/compliance_scan_result_output.dtd';

/** [Q: the fetch page as XSOAR's command quotes it] results can be fetched once a scan is Finished, Canceled, Paused or Error. */
const FETCHABLE: readonly Scan['status']['state'][] = ['Finished', 'Canceled', 'Paused', 'Error'];

/** [E] the refusal before: 1905 naming the state. */
export function checkFetchable(scan: Scan): void {
  if (!FETCHABLE.includes(scan.status.state)) {
    throw qualysErrors.invalidValue('scan_ref', scan.ref, `the scan is ${scan.status.state}: its results can be fetched once it is ${FETCHABLE.join(', ')}`);
  }
}

/** [Q] a fetch's `ips` keeps the results of those hosts. */
function resultsOf(ctx: ActionContext, scan: Scan, source: FindingSource): HostResult[] {
  const ips = ctx.params.get('ips');
  const kept = ips === undefined || ips === '' ? scan : { ...scan, target: intersect(scan.target, parseIpSet('ips', ips)) };
  return scanResults(kept, source);
}

/**
 * One row per host and finding. [Q: the fetch page as XSOAR's command quotes it] brief: IP, DNS,
 * NetBIOS, QID and the results; extended adds protocol, port, an SSL flag (`yes`, `no`) and the
 * FQDN. [Q recorded through XSOAR's mapping] the keys ip, dns, netbios, qid, results, instance;
 * [E] the order and the CSV headings.
 */
const BRIEF = ['ip', 'dns', 'netbios', 'qid', 'results', 'instance'] as const;
const EXTENDED = ['ip', 'dns', 'netbios', 'qid', 'results', 'protocol', 'port', 'ssl', 'fqdn', 'instance'] as const;
type Column = (typeof EXTENDED)[number];
const HEADINGS: Record<Column, string> = {
  ip: 'IP',
  dns: 'DNS',
  netbios: 'NetBIOS',
  qid: 'QID',
  results: 'Results',
  protocol: 'Protocol',
  port: 'Port',
  ssl: 'SSL',
  fqdn: 'FQDN',
  instance: 'Instance',
};

function rowsOf(hosts: readonly HostResult[], columns: readonly Column[]): Record<string, string | number>[] {
  return hosts.flatMap((h) =>
    h.findings.map((f) => {
      const all: Record<Column, string | number> = {
        ip: h.ip,
        dns: h.dns,
        netbios: h.netbios,
        qid: f.qid,
        results: f.result,
        protocol: f.protocol,
        port: f.port,
        ssl: 'no',
        fqdn: '',
        instance: '',
      };
      return Object.fromEntries(columns.map((c) => [c, all[c]]));
    }),
  );
}

const csvCell = (v: string | number) => `"${String(v).replaceAll('"', '""')}"`;

/** [E] the header object of json_extended: the keys a recorded compliance fetch's header shows, lower-cased. */
function header(scan: Scan, hosts: readonly HostResult[], company: string): Record<string, string | number> {
  return {
    username: scan.userLogin,
    company,
    date: qualysDateTime(new Date(scan.launchedAt)),
    title: scan.title,
    target: targetText(scan),
    excluded_target:
      scan.excluded.length > 0
        ? formatIpSet(scan.excluded)
            .map((e) => e.value)
            .join(', ')
        : 'N/A',
    duration: durationOf(scan.status),
    nbhost_alive: hosts.length,
    nbhost_total: hosts.length,
    report_type: scan.type,
    options: scan.optionProfile.title,
    scan_host: scan.scanner,
    status: scan.status.state.toUpperCase(),
  };
}

/**
 * [Q] VM fetch: CSV (the default) or JSON, brief or extended; `json_extended` wraps the rows in
 * header, scan-summary and footer objects [Q: issue 24's account of recordings; E their keys],
 * the summary carrying each host's authentication per technology.
 */
export function vmFetchAnswer(ctx: ActionContext, scan: Scan, source: FindingSource): ActionResult {
  checkFetchable(scan);
  const format = ctx.params.oneOf('output_format', ['csv', 'json', 'csv_extended', 'json_extended']) ?? 'csv';
  const extended = ctx.params.oneOf('mode', ['brief', 'extended']) === 'extended' || format.endsWith('_extended');
  const hosts = resultsOf(ctx, scan, source);
  const columns = extended ? EXTENDED : BRIEF;
  const rows = rowsOf(hosts, columns);
  if (format.startsWith('csv')) {
    const lines = [columns.map((c) => csvCell(HEADINGS[c])).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
    return { xml: Buffer.from(`${lines.join('\n')}\n`), contentType: 'text/csv;charset=UTF-8' };
  }
  const body =
    format === 'json'
      ? rows
      : [
          header(scan, hosts, 'Qualys Emulator'),
          {
            scan_summary: {
              hosts_scanned: hosts.length,
              vulnerabilities: hosts.reduce((n, h) => n + h.findings.filter((f) => f.type !== 'Ig').length, 0),
              authentication: hosts.flatMap((h) => h.auth.map((a) => ({ ip: h.ip, technology: a.type, status: a.status }))),
            },
          },
          ...rows,
          { target_distribution_across_scanner_appliances: `${scan.scanner} : ${targetText(scan)}` },
        ];
  return { xml: Buffer.from(JSON.stringify(body, null, 2)), contentType: 'application/json;charset=UTF-8' };
}

/** [E] each header key as `<KEY value="NAME">`, the layout of Qualys's scan report headers. */
const headerKeys = (keys: Record<string, string | number>) =>
  Object.entries(keys).map(([k, v]) => ({ ...cdataLeaf('KEY', String(v)), attrs: { value: k.toUpperCase() } }));

/** [Q recorded: the header keys of a compliance fetch, XSOAR 2021] COMPLIANCE_SCAN_RESULT_OUTPUT; [E] the layout around them and the authentication results. */
export function complianceFetchOutput(ctx: ActionContext, scan: Scan, source: FindingSource): XmlDocumentSpec {
  checkFetchable(scan);
  ctx.params.oneOf('output_format', ['xml']);
  const hosts = resultsOf(ctx, scan, source);
  const keys = header(scan, hosts, 'Qualys Emulator');
  return {
    dtdPath: COMPLIANCE_RESULT_DTD,
    root: el(
      'COMPLIANCE_SCAN_RESULT_OUTPUT',
      requestElement(ctx.echo),
      el(
        'RESPONSE',
        leaf('DATETIME', ctx.datetime),
        el(
          'COMPLIANCE_SCAN',
          elOf('HEADER', [
            ...headerKeys(keys),
            ...(scan.assetGroups.length > 0
              ? [
                  elOf(
                    'ASSET_GROUP_LIST',
                    scan.assetGroups.map((t) => el('ASSET_GROUP', cdataLeaf('ASSET_GROUP_TITLE', t))),
                  ),
                ]
              : []),
            el('OPTION_PROFILE', {
              ...cdataLeaf('OPTION_PROFILE_TITLE', scan.optionProfile.title),
              attrs: { option_profile_default: scan.optionProfile.isDefault ? '1' : '0' },
            }),
          ]),
          hosts.length > 0 &&
            elOf(
              'AUTH_SCAN_RESULTS',
              hosts.map((h) => elOf('HOST', [leaf('IP', h.ip), ...h.auth.map((a) => el('AUTH', leaf('TECHNOLOGY', a.type), leaf('STATUS', a.status)))])),
            ),
        ),
      ),
    ),
  };
}
