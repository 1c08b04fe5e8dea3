import { checkParams, type ActionContext, type ActionSpec, type Endpoint, type ParamRules } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { qualysErrors, type QualysItem } from '../qualys/errors.js';
import { parseId, parseIdSet } from '../qualys/id-set.js';
import type { IntervalSet } from '../qualys/interval-set.js';
import { formatIpSet, parseIpSet } from '../qualys/ip-set.js';
import type { RequestParams } from '../qualys/params.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { excludedHistoryOutput, excludedListOutput } from './excluded-ip-output.js';
import type { ExcludedIpService, ExclusionChange } from './excluded-ip-service.js';

export const EXCLUDED_IP_PATH = '/api/2.0/fo/asset/excluded_ip/';
export const EXCLUDED_HISTORY_PATH = '/api/2.0/fo/asset/excluded_ip/history/';

/** [Q: the add and remove pages] a comment of at most 1024 characters is required. */
const COMMENT_MAX = 1024;
/** [E] Qualys states no bound on expiry_days. */
const EXPIRY_DAYS_MAX = 3650;

interface Deps {
  service: ExcludedIpService;
  networks: NetworkDirectory;
}

/** [Q recorded] an ITEM's VALUE lists IPs and ranges comma-separated, without spaces. */
const ipsText = (set: IntervalSet) =>
  formatIpSet(set)
    .map((e) => e.value)
    .join(',');

function changeOf(deps: Deps, params: RequestParams, user: string, now: string): ExclusionChange {
  const network = params.get('network_id');
  return { networkId: network === undefined ? 0 : deps.networks.networkId(network), user, now, comment: params.text('comment', COMMENT_MAX)! };
}

/** [Q recorded: expiry_days=2 on 2021-05-30 listed 2021-06-01T00:00:00Z] the exclusion ends at midnight UTC, that many days on. */
function expiryOf(params: RequestParams, now: string): string | null {
  const days = params.integer('expiry_days', 1, EXPIRY_DAYS_MAX);
  if (days === undefined) return null;
  const date = new Date(`${now.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Number(days));
  return `${date.toISOString().slice(0, 10)}T00:00:00Z`;
}

const ADD_RULES: ParamRules = { allowed: ['action', 'echo_request', 'ips', 'comment', 'expiry_days', 'dg_names', 'network_id'], required: ['ips', 'comment'] };

/** [Q: the add page] at most 15 distribution groups, to be told before an exclusion expires. */
const DG_NAMES_MAX = 15;

function addExclusions(deps: Deps, params: RequestParams, user: string, now: string) {
  const ips = parseIpSet('ips', params.require('ips'));
  // [E] checked, then not kept: the emulator sends no notifications
  const groups = params.list('dg_names', COMMENT_MAX);
  if (groups && groups.split(',').length > DG_NAMES_MAX) throw qualysErrors.invalidValue('dg_names', groups, `at most ${DG_NAMES_MAX} distribution groups`);
  const expiresAt = expiryOf(params, now);
  return { ips, ...deps.service.add(ips, expiresAt, changeOf(deps, params, user, now)) };
}

/** `action=add` without a request (the seed), checked as the API checks it; answers the IPs named. */
export function exclusionAdder(deps: Deps) {
  return (params: RequestParams, user: string, now: string): IntervalSet => {
    checkParams('add', ADD_RULES, params);
    return addExclusions(deps, params, user, now).ips;
  };
}

function answer(ctx: ActionContext, text: string, items: readonly (QualysItem | false)[]) {
  return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text, items: items.filter((i): i is QualysItem => i !== false) })) };
}

const item = (key: string, set: IntervalSet): QualysItem | false => set.length > 0 && { key, values: [ipsText(set)] };

/**
 * [Q] /api/2.0/fo/asset/excluded_ip/: list by GET or POST; add, remove and remove_all by POST,
 * each with a required comment, answering a SIMPLE_RETURN whose ITEMs name the IPs. Filters by
 * asset group and tag (`ag_ids`, `use_tags`...) are not served: the emulator has no groups here.
 */
export function excludedIpEndpoint(deps: Deps): Endpoint {
  const { service } = deps;
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'ips', 'network_id'],
    handle(ctx) {
      const { params } = ctx;
      const ips = params.has('ips') ? parseIpSet('ips', params.require('ips')) : undefined;
      const networkId = params.has('network_id') ? deps.networks.networkId(params.get('network_id')!) : undefined;
      return { xml: ctx.render(excludedListOutput({ echo: ctx.echo, datetime: ctx.datetime, runs: service.list({ ips, networkId }, ctx.datetime) })) };
    },
  };
  const add: ActionSpec = {
    methods: ['POST'],
    ...ADD_RULES,
    handle: (ctx) =>
      service.atomically(() => {
        const { added, already } = addExclusions(deps, ctx.params, ctx.user, ctx.datetime);
        // [E] TEXT and the key of the IPs added; [Q recorded] the key of those already excluded
        return answer(ctx, 'Added IPs to Excluded IPs list.', [item('Added IPs', added), item('IPs already in Excluded IPs list.', already)]);
      }),
  };
  const removed = (ctx: ActionContext, ips: IntervalSet | undefined) =>
    service.atomically(() => {
      const gone = service.remove(ips, changeOf(deps, ctx.params, ctx.user, ctx.datetime));
      // [Q: the remove page's sample]
      return answer(ctx, 'Removed IPs from Excluded IPs list.', [item('Removed IPs', gone)]);
    });
  const remove: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'ips', 'comment', 'network_id'],
    required: ['ips', 'comment'],
    handle: (ctx) => removed(ctx, parseIpSet('ips', ctx.params.require('ips'))),
  };
  const removeAll: ActionSpec = {
    methods: ['POST'],
    // [Q] ips is not a parameter of remove_all
    allowed: ['action', 'echo_request', 'comment', 'network_id'],
    required: ['comment'],
    handle: (ctx) => removed(ctx, undefined),
  };
  return { path: EXCLUDED_IP_PATH, actions: { list, add, remove, remove_all: removeAll } };
}

/** [Q] /api/2.0/fo/asset/excluded_ip/history/?action=list: the changes, newest first. */
export function excludedHistoryEndpoint(deps: Deps): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'ips', 'network_id', 'id_min', 'id_max', 'ids'],
    handle(ctx) {
      const { params } = ctx;
      const optional = <T>(name: string, read: (value: string) => T) => (params.has(name) ? read(params.require(name)) : undefined);
      const entries = deps.service.history({
        ips: optional('ips', (v) => parseIpSet('ips', v)),
        ids: optional('ids', (v) => parseIdSet('ids', v)),
        idMin: optional('id_min', (v) => parseId('id_min', v)),
        idMax: optional('id_max', (v) => parseId('id_max', v)),
        networkId: optional('network_id', (v) => deps.networks.networkId(v)),
      });
      return { xml: ctx.render(excludedHistoryOutput({ echo: ctx.echo, datetime: ctx.datetime, entries })) };
    },
  };
  return { path: EXCLUDED_HISTORY_PATH, actions: { list } };
}
