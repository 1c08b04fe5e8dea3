import type { DashboardRequest, FamilyDashboard } from '../api-family.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import { QualysError } from '../qualys/errors.js';
import { formatIpSet, parseIpSet } from '../qualys/ip-set.js';
import { durationOf } from './scan-clock.js';
import { authOf, subStateOf, targetHosts, type FindingSource } from './scan-results.js';
import { ScanControlRefusal, type ScanService } from './scan-service.js';
import { SCAN_STATES, type Scan, type ScanState } from './scan.js';

/** [E] the dashboard shows the latest scans, and each one's first hosts' authentication. */
const SHOWN_SCANS = 200;
const SHOWN_HOSTS = 64;

/** A scan as the controls answer it: its state now, and how its first hosts authenticate. */
export type ScanJson = ReturnType<typeof scanJson>;

function scanJson(scan: Scan, findings: FindingSource) {
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

/** A harness's refusal as the controls answer it: 404 for no such scan, 409 for a step the state has not, 400 for a bad value. */
function controlled<T>(request: DashboardRequest, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ScanControlRefusal) request.refuse(err.status, err.message);
    if (err instanceof QualysError) request.refuse(400, err.text);
    throw err;
  }
}

function text(request: DashboardRequest, body: Readonly<Record<string, unknown>>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') request.refuse(400, `${name} must be a non-empty string`);
  return value;
}

/**
 * The scans on the dashboard and the harness's hold on them (docs/controls.md, "Scans"):
 * `GET scans`, and `POST scans/step`, `scans/force`, `scans/auth` with the scan's `ref`.
 */
export function scansDashboard(service: ScanService, findings: FindingSource): FamilyDashboard {
  const answer = (scan: Scan) => ({ scan: scanJson(scan, findings) });
  return {
    ui: 'scans.js',
    routes: [{ path: 'scans', answer: () => ({ scans: service.latest(SHOWN_SCANS).map((s) => scanJson(s, findings)) }) }],
    actions: [
      {
        path: 'scans/step',
        fields: ['ref'],
        answer: (request, body) => controlled(request, () => answer(service.atomically(() => service.step(text(request, body, 'ref'))))),
      },
      {
        path: 'scans/force',
        fields: ['ref', 'state', 'processed', 'sub_state'],
        answer(request, body) {
          const state = text(request, body, 'state') as ScanState;
          if (!SCAN_STATES.includes(state)) request.refuse(400, `state must be one of: ${SCAN_STATES.join(', ')}`);
          if (body.processed !== undefined && typeof body.processed !== 'boolean') request.refuse(400, 'processed must be true or false');
          const subState = body.sub_state === undefined ? undefined : text(request, body, 'sub_state');
          const ref = text(request, body, 'ref');
          return controlled(request, () => answer(service.atomically(() => service.force(ref, state, body.processed !== false, subState))));
        },
      },
      {
        path: 'scans/auth',
        fields: ['ref', 'technology', 'ips', 'status'],
        answer(request, body) {
          // [E] only Failed can be forced: Passed and Not Attempted follow from the records
          if (body.status !== 'Failed') request.refuse(400, 'status must be "Failed"');
          const ref = text(request, body, 'ref');
          const technology = text(request, body, 'technology');
          return controlled(request, () => {
            const ips = parseIpSet('ips', text(request, body, 'ips'));
            return answer(service.atomically(() => service.failAuth(ref, technology, ips)));
          });
        },
      },
    ],
  };
}
