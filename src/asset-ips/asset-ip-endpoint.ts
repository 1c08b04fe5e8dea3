import { checkParams, type ActionContext, type ActionSpec, type Endpoint, type ParamRules } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { IntervalSet } from '../qualys/interval-set.js';
import type { RequestParams } from '../qualys/params.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { IP_ATTRIBUTES, TRACKING_METHODS, type IpAttribute } from './ip-attributes.js';
import { IP_LIST_DTD, ipListOutput } from './asset-ip-output.js';
import type { AssetIpService, IpChange } from './asset-ip-service.js';

export const ASSET_IP_PATH = '/api/2.0/fo/asset/ip/';

const ADD_PARAMS = IP_ATTRIBUTES.map((a) => a.param);
const UPDATE_PARAMS = IP_ATTRIBUTES.filter((a) => !a.addOnly).map((a) => a.param);

function readAttribute(a: IpAttribute, params: RequestParams): string | null | undefined {
  if (a.kind === 'flag') return params.oneOf(a.param, ['0', '1']);
  // [E] matched case-insensitively, as clients send `ip` and `IP`
  if (a.kind === 'enum') return params.oneOf(a.param, a.values ?? [], true);
  // [E] an empty text clears what the IPs held
  const value = params.text(a.param, a.maxLength ?? 255);
  return value === '' ? null : value;
}

/** The attributes a write gives, read as each one's kind says. */
function readChange(params: RequestParams, names: readonly string[]): IpChange {
  const change: Record<string, string | null> = {};
  for (const a of IP_ATTRIBUTES.filter((x) => names.includes(x.param))) {
    const value = readAttribute(a, params);
    if (value !== undefined) change[a.param] = value;
  }
  return change;
}

/**
 * [Q recorded, XSOAR's Qualys integration] `IPs successfully added to Vulnerability Management`
 * for enable_vm=1; [E] the other modules named alike.
 */
function addedText(change: IpChange): string {
  const modules = [change.enable_vm === '1' && 'Vulnerability Management', change.enable_pc === '1' && 'Policy Compliance'].filter(Boolean);
  return `IPs successfully added to ${modules.join(' and ')}`;
}

const ADD_RULES: ParamRules = { allowed: ['action', 'echo_request', 'ips', 'network_id', ...ADD_PARAMS], required: ['ips'] };

/** Whatever adds IPs: the endpoint and the seed. */
interface Deps {
  service: AssetIpService;
  networks: NetworkDirectory;
}

const networkOf = (deps: Deps, params: RequestParams) => {
  const value = params.get('network_id');
  return value === undefined ? 0 : deps.networks.networkId(value);
};

/** Reads and checks an add's values; [Q: the add page] it must put the IPs in VM or PC, or both. */
function readAdd(deps: Deps, params: RequestParams) {
  const ips = parseIpSet('ips', params.require('ips'));
  const networkId = networkOf(deps, params);
  const change = readChange(params, ADD_PARAMS);
  if (change.enable_vm !== '1' && change.enable_pc !== '1') {
    // [E] CODE and TEXT: Qualys's own refusal is not recorded
    if (params.has('enable_vm') || params.has('enable_pc'))
      throw qualysErrors.invalidValue('enable_vm', params.get('enable_vm') ?? '', 'enable_vm or enable_pc must be 1');
    throw qualysErrors.missingOneOf(['enable_vm', 'enable_pc']);
  }
  return { ips, networkId, change };
}

/** `action=add` without a request (the seed), checked exactly as the API checks it; answers the IPs added. */
export function ipAdder(deps: Deps) {
  return (params: RequestParams): IntervalSet => {
    checkParams('add', ADD_RULES, params);
    const { ips, networkId, change } = readAdd(deps, params);
    deps.service.add(ips, networkId, change);
    return ips;
  };
}

const done = (ctx: ActionContext, text: string) => ({ xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text })) });

/**
 * [Q] /api/2.0/fo/asset/ip/: list by GET or POST; add and update by POST, answering a
 * SIMPLE_RETURN with a TEXT only. Qualys has no action removing IPs from a subscription.
 */
export function assetIpEndpoint(deps: Deps): Endpoint {
  const { service } = deps;
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'ips', 'network_id', 'tracking_method', 'compliance_enabled', 'certview_enabled'],
    handle(ctx) {
      const { params } = ctx;
      const sets = service.list({
        ips: params.has('ips') ? parseIpSet('ips', params.require('ips')) : undefined,
        networkId: params.has('network_id') ? networkOf(deps, params) : undefined,
        tracking_method: params.oneOf('tracking_method', TRACKING_METHODS, true),
        enable_pc: params.oneOf('compliance_enabled', ['0', '1']),
        enable_certview: params.oneOf('certview_enabled', ['0', '1']),
      });
      return { xml: ctx.render(ipListOutput(IP_LIST_DTD, { echo: ctx.echo, datetime: ctx.datetime, sets })) };
    },
  };
  const add: ActionSpec = {
    methods: ['POST'],
    ...ADD_RULES,
    handle(ctx) {
      const { ips, networkId, change } = readAdd(deps, ctx.params);
      return service.atomically(() => {
        service.add(ips, networkId, change);
        return done(ctx, addedText(change));
      });
    },
  };
  const update: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'ips', 'network_id', ...UPDATE_PARAMS],
    required: ['ips'],
    handle(ctx) {
      const ips = parseIpSet('ips', ctx.params.require('ips'));
      const networkId = networkOf(deps, ctx.params);
      const change = readChange(ctx.params, UPDATE_PARAMS);
      return service.atomically(() => {
        service.update(ips, networkId, change);
        return done(ctx, 'IPs successfully updated');
      });
    },
  };
  return { path: ASSET_IP_PATH, actions: { list, add, update } };
}
