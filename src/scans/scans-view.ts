import type { FamilyDashboard } from '../api-family.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import { formatIpSet } from '../qualys/ip-set.js';
import { durationOf } from './scan-clock.js';
import { authOf, subStateOf, targetHosts, type FindingSource } from './scan-results.js';
import type { ScanService } from './scan-service.js';
import type { Scan } from './scan.js';

/** [E] the dashboard shows the latest scans, and each one's first hosts' authentication. */
const SHOWN_SCANS = 200;
const SHOWN_HOSTS = 64;

/** A scan as the controls answer it: its state now, and how its first hosts authenticate. */
export type ScanJson = ReturnType<typeof scanJson>;

export function scanJson(scan: Scan, findings: FindingSource) {
  const { status } = scan;
  return {
    id: scan.id,
    ref: scan.ref,
    kind: scan.kind,
    type: scan.type,
    title: scan.title,
    user_login: scan.userLogin,
    launched: qualysDateTime(new Date(scan.launchedAt)),
    state: status.state,
    processed: status.processed,
    sub_state: subStateOf(scan, findings) ?? null,
    duration: durationOf(status),
    target: formatIpSet(scan.target).map((e) => e.value),
    option_profile: scan.optionProfile.title,
    scanner: scan.scanner,
    auth: targetHosts(scan.target, SHOWN_HOSTS).map((ip) => ({ ip: formatIpSet([[ip, ip]])[0].value, technologies: authOf(scan, ip) })),
  };
}

/** The scans on the dashboard (`GET scans`): the latest, newest first. */
export function scansDashboard(service: ScanService, findings: FindingSource): FamilyDashboard {
  return {
    ui: 'scans.js',
    routes: [{ path: 'scans', answer: () => ({ scans: service.latest(SHOWN_SCANS).map((s) => scanJson(s, findings)) }) }],
  };
}
