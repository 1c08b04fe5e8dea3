import { checkParams, type ActionContext, type ActionResult, type ActionSpec, type Endpoint } from '../qualys/endpoint.js';
import { parseId } from '../qualys/id-set.js';
import { intersect } from '../qualys/interval-set.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { RequestParams } from '../qualys/params.js';
import { complianceFetchOutput, vmFetchAnswer } from './scan-fetch.js';
import { launchRules, readLaunch, type ScanLinks } from './scan-launch.js';
import { launchAnswer, type MANAGE_TEXTS, manageAnswer, SCAN_LIST_DTD, SCAN_LIST_DTD_V3, scanListOutput, type ListShow } from './scan-output.js';
import { subStateOf, type FindingSource } from './scan-results.js';
import type { ScanService } from './scan-service.js';
import { SCAN_STATES, SCAN_TYPES, type Scan, type ScanKind } from './scan.js';

export const VM_SCAN_PATH = '/api/2.0/fo/scan/';
export const VM_SCAN_PATH_V3 = '/api/3.0/fo/scan/';
export const COMPLIANCE_SCAN_PATH = '/api/2.0/fo/scan/compliance/';

/** What the scan endpoints are handed. */
export interface ScanEndpointDeps {
  service: ScanService;
  links: ScanLinks;
  findings: FindingSource;
}

/** [Q: docs] the list shows scans launched in the past 30 days unless launched_after_datetime says otherwise. */
const DEFAULT_WINDOW_MS = 30 * 86_400_000;

const LIST_PARAMS = [
  'action',
  'echo_request',
  'scan_ref',
  'scan_id',
  'state',
  'processed',
  'type',
  'target',
  'user_login',
  'launched_after_datetime',
  'launched_before_datetime',
  'scan_type',
  'client_id',
  'client_name',
  'show_ags',
  'show_op',
  'show_status',
  'show_last',
  'ignore_target',
  'pci_only',
];

const flag = (params: RequestParams, name: string, byDefault: boolean) => {
  const v = params.oneOf(name, ['0', '1']);
  return v === undefined ? byDefault : v === '1';
};

const epochOf = (date: string | undefined) => (date === undefined ? undefined : Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date));

function list(kind: ScanKind, deps: ScanEndpointDeps, dtdPath: string): ActionSpec {
  return {
    methods: ['GET', 'POST'],
    allowed: kind === 'vm' ? LIST_PARAMS : LIST_PARAMS.filter((p) => p !== 'scan_type' && p !== 'pci_only'),
    exclusive: [['client_id', 'client_name']],
    handle(ctx) {
      const { params } = ctx;
      const states = params.list('state', 200, SCAN_STATES)?.split(',');
      const processed = params.oneOf('processed', ['0', '1']);
      const target = params.get('target');
      const targetSet = target === undefined || target === '' ? undefined : parseIpSet('target', target);
      params.oneOf('scan_type', ['certview', 'ec2certview']);
      params.oneOf('pci_only', ['0', '1']);
      const now = Date.now();
      const after = epochOf(params.date('launched_after_datetime')) ?? now - DEFAULT_WINDOW_MS;
      const before = epochOf(params.date('launched_before_datetime')) ?? Number.MAX_SAFE_INTEGER;
      const refs = params.has('scan_ref') ? params.list('scan_ref', 10_000)?.split(',') : undefined;
      const ids = params.has('scan_id')
        ? params
            .require('scan_id')
            .split(',')
            .map((v) => parseId('scan_id', v))
        : undefined;
      const show: ListShow = {
        status: flag(params, 'show_status', true),
        target: !flag(params, 'ignore_target', false),
        assetGroups: flag(params, 'show_ags', false),
        optionProfile: flag(params, 'show_op', false),
      };
      const showLast = flag(params, 'show_last', false);
      let scans = deps.service
        .list({
          kind,
          refs,
          ids,
          type: params.oneOf('type', SCAN_TYPES, true),
          userLogin: params.get('user_login') || undefined,
          launchedAfter: after,
          launchedBefore: before,
        })
        .filter((s) => (states === undefined || states.includes(s.status.state)) && (processed === undefined || s.status.processed === (processed === '1')))
        .filter((s) => targetSet === undefined || intersect(s.target, targetSet).length > 0);
      if (showLast) scans = scans.slice(0, 1);
      const rows = scans.map((scan) => ({ scan, subState: subStateOf(scan, deps.findings) }));
      return { xml: ctx.render(scanListOutput({ echo: ctx.echo, datetime: ctx.datetime, dtdPath, scans: rows, show })) };
    },
  };
}

function launch(kind: ScanKind, deps: ScanEndpointDeps): ActionSpec {
  return {
    methods: ['POST'],
    ...launchRules(kind),
    handle(ctx) {
      const input = readLaunch(ctx.params, kind, deps.links);
      return deps.service.atomically(() => launchAnswer(ctx, deps.service.launch(kind, input, ctx.user)));
    },
  };
}

function manage(kind: ScanKind, action: keyof typeof MANAGE_TEXTS, deps: ScanEndpointDeps): ActionSpec {
  return {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'scan_ref'],
    required: ['scan_ref'],
    handle(ctx) {
      const ref = ctx.params.require('scan_ref').trim();
      return deps.service.atomically(() => manageAnswer(ctx, action, deps.service.manage(kind, action, ref)));
    },
  };
}

function fetch(kind: ScanKind, deps: ScanEndpointDeps): ActionSpec {
  return {
    // [Q: clients] clients fetch with GET or POST
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'scan_ref', 'ips', 'mode', 'output_format', 'client_id', 'client_name'],
    required: ['scan_ref'],
    exclusive: [['client_id', 'client_name']],
    handle(ctx: ActionContext): ActionResult {
      const scan: Scan = deps.service.get(kind, ctx.params.require('scan_ref').trim());
      if (kind === 'vm') return vmFetchAnswer(ctx, scan, deps.findings);
      return { xml: ctx.render(complianceFetchOutput(ctx, scan, deps.findings)) };
    },
  };
}

/** A launch without a request (a seed's scans), checked exactly as the API checks it; answers the scan. */
export function scanLauncher(deps: ScanEndpointDeps): (kind: ScanKind, params: RequestParams, user: string) => Scan {
  return (kind, params, user) => {
    checkParams('launch', launchRules(kind), params);
    return deps.service.launch(kind, readLaunch(params, kind, deps.links), user);
  };
}

/**
 * [Q] /api/2.0/fo/scan/ and /api/2.0/fo/scan/compliance/: list, launch, cancel, pause, resume,
 * delete, fetch; [Q: v3.0 list; clients launch and fetch there too] /api/3.0/fo/scan/.
 */
export function scanEndpoints(deps: ScanEndpointDeps): Endpoint[] {
  const full = (kind: ScanKind) => ({
    list: list(kind, deps, SCAN_LIST_DTD),
    launch: launch(kind, deps),
    cancel: manage(kind, 'cancel', deps),
    pause: manage(kind, 'pause', deps),
    resume: manage(kind, 'resume', deps),
    delete: manage(kind, 'delete', deps),
    fetch: fetch(kind, deps),
  });
  return [
    { path: VM_SCAN_PATH, actions: full('vm') },
    { path: VM_SCAN_PATH_V3, actions: { list: list('vm', deps, SCAN_LIST_DTD_V3), launch: launch('vm', deps), fetch: fetch('vm', deps) } },
    { path: COMPLIANCE_SCAN_PATH, actions: full('compliance') },
  ];
}
