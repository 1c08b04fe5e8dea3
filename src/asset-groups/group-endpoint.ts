import { ListAnswers } from '../auth-records/list-answers.js';
import { nextPageUrl } from '../auth-records/list-filter.js';
import { checkParams, type ActionContext, type ActionResult, type ActionSpec, type Endpoint, type ParamRules } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { MAX_ID, parseId, parseIdSet } from '../qualys/id-set.js';
import { intersect } from '../qualys/interval-set.js';
import type { RequestParams } from '../qualys/params.js';
import { TEXT_FIELDS } from './asset-group.js';
import { entriesSet, FIELD_PARAMS, readDomains, readFields, readIds, readIpEntries, readNames } from './group-input.js';
import { ALL_ATTRIBUTES, DEFAULT_ATTRIBUTES, groupListOutput, SHOW_ATTRIBUTES, type ShowAttribute } from './group-output.js';
import type { GroupService, ListEdit, NewGroup } from './group-service.js';
import { deleteById } from '../qualys/delete-action.js';

export const GROUP_PATH = '/api/2.0/fo/asset/group/';

/** What the endpoint reads at each call: the page size, and a `network_id` as the networks read it. */
export interface GroupOptions {
  readonly pageSize: number;
  /** A `network_id` value checked (1905 for a network that does not exist). */
  networkId(value: string): number;
}

/** [Q] a title is at most 256 characters [E: the limit]; never empty. */
function readTitle(params: RequestParams, name: string): string | undefined {
  const title = params.text(name, 256);
  if (title !== undefined && title.trim() === '') throw qualysErrors.invalidValue(name, title, 'a title cannot be empty');
  return title;
}

/** [Q recorded] the answer of every write: a SIMPLE_RETURN TEXT and ITEM `ID`. */
function answered(ctx: ActionContext, text: string, id: number): ActionResult {
  return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text, items: [{ key: 'ID', values: [String(id)] }] })) };
}

const LIST_PARAMS = ['ips', 'appliance_ids', 'domains', 'dns_names', 'netbios_names'] as const;

const ADD_RULES: ParamRules = {
  allowed: ['action', 'echo_request', 'title', 'network_id', ...LIST_PARAMS, 'default_appliance_id', ...FIELD_PARAMS],
  required: ['title'],
};

/** A group from `action=add` parameters (the rules passed), its values checked. */
function readNewGroup(params: RequestParams, options: GroupOptions): NewGroup {
  const network = params.get('network_id');
  const defaultId = params.get('default_appliance_id');
  return {
    title: readTitle(params, 'title')!,
    networkId: network === undefined ? 0 : options.networkId(network),
    ips: readIpEntries(params, 'ips') ?? [],
    domains: readDomains(params, 'domains') ?? [],
    dnsNames: readNames(params, 'dns_names') ?? [],
    netbiosNames: readNames(params, 'netbios_names') ?? [],
    applianceIds: readIds(params, 'appliance_ids') ?? [],
    defaultApplianceId: defaultId === undefined || defaultId === '' ? undefined : parseId('default_appliance_id', defaultId),
    fields: readFields(params, ''),
  };
}

/** Adds a group from `action=add` parameters, answering its ID. */
export type GroupCreator = (params: RequestParams, user: string, now: string) => number;

/** `action=add` without a request (the seed), checked exactly as the API checks it. */
export function groupCreator(service: GroupService, options: GroupOptions): GroupCreator {
  return (params, user, now) => {
    checkParams('add', ADD_RULES, params);
    return service.add(readNewGroup(params, options), user, now);
  };
}

function listEdit<T, R>(
  params: RequestParams,
  name: string,
  read: (params: RequestParams, name: string) => T[] | undefined,
  readRemove: (params: RequestParams, name: string) => R | undefined,
): ListEdit<T, R> {
  return { set: read(params, `set_${name}`), add: read(params, `add_${name}`), remove: readRemove(params, `remove_${name}`) };
}

/** [Q] `set_` exclusive with `add_` and `remove_`, which may come together, for each list. */
const EDIT_EXCLUSIVE = LIST_PARAMS.map((p) => [`set_${p}`, [`add_${p}`, `remove_${p}`]] as const);

/** [Q] show_attributes: `ALL`, or a comma list of the names; [E] matched case-insensitively. */
function readShow(params: RequestParams): ReadonlySet<ShowAttribute> {
  const value = params.get('show_attributes');
  if (value === undefined || value === '') return DEFAULT_ATTRIBUTES;
  if (value.toUpperCase() === 'ALL') return ALL_ATTRIBUTES;
  const names = params.list('show_attributes', 1024, SHOW_ATTRIBUTES)!.split(',') as ShowAttribute[];
  // [Q] every group shows its ID; ID alone lists an ID_SET
  return new Set<ShowAttribute>(['ID', ...names]);
}

/**
 * [Q] /api/2.0/fo/asset/group/: list (GET or POST), add, edit and delete (POST), the writes
 * answering SIMPLE_RETURN with the group's ID (recorded TEXTs).
 */
export function groupEndpoint(service: GroupService, options: GroupOptions, answers = new ListAnswers()): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: [
      'action',
      'echo_request',
      'ids',
      'id_min',
      'id_max',
      'truncation_limit',
      'network_ids',
      'unit_id',
      'user_id',
      'title',
      'show_attributes',
      'output_format',
    ],
    handle(ctx) {
      const { params } = ctx;
      const pageSize = options.pageSize;
      // JSON: one-to-one, and a string of its own (parameters may be views of a whole body)
      const key = ctx.echo ? undefined : JSON.stringify([ctx.path, ctx.baseUrl, ctx.user, pageSize, params.entries]);
      const xml = answers.answer(key, service.generation(), ctx.datetime, () => {
        params.oneOf('output_format', ['xml'], true);
        const ids = params.has('ids') ? parseIdSet('ids', params.require('ids')) : [[1, MAX_ID] as const];
        const idMin = params.has('id_min') ? parseId('id_min', params.require('id_min')) : 1;
        const idMax = params.has('id_max') ? parseId('id_max', params.require('id_max')) : MAX_ID;
        // [Q] 0: no truncation; [E] the default is --page-size
        const limit = Number(params.integer('truncation_limit', 0, 1_000_000) ?? pageSize);
        // [E] users and business units have no IDs in the emulator: the filters are checked and match every group
        params.integer('unit_id', 0);
        params.integer('user_id', 0);
        const networks = params.has('network_ids')
          ? params
              .require('network_ids')
              .split(',')
              .map((v) => options.networkId(v.trim()))
          : undefined;
        const show = readShow(params);
        const { groups, nextId } = service.list(
          { ids: idMin <= idMax ? intersect(ids, [[idMin, idMax]]) : [], title: params.get('title') || undefined, networkIds: networks },
          limit === 0 ? -1 : limit,
        );
        return ctx.render(groupListOutput({ echo: ctx.echo, datetime: ctx.datetime, groups, show, nextUrl: nextPageUrl(ctx, nextId), pageSize: limit }));
      });
      return { xml };
    },
  };
  const add: ActionSpec = {
    methods: ['POST'],
    ...ADD_RULES,
    handle(ctx) {
      const input = readNewGroup(ctx.params, options);
      return service.atomically(() => answered(ctx, 'Asset Group successfully added.', service.add(input, ctx.user, ctx.datetime)));
    },
  };
  const edit: ActionSpec = {
    methods: ['POST'],
    allowed: [
      'action',
      'echo_request',
      'id',
      'set_title',
      ...Object.keys(TEXT_FIELDS).map((f) => `set_${f}`),
      'set_business_impact',
      ...LIST_PARAMS.flatMap((p) => [`set_${p}`, `add_${p}`, `remove_${p}`]),
      'set_default_appliance_id',
      ...FIELD_PARAMS.filter((f) => f.startsWith('cvss_')).map((f) => `set_${f}`),
    ],
    required: ['id'],
    exclusive: EDIT_EXCLUSIVE,
    handle(ctx) {
      const { params } = ctx;
      const id = parseId('id', params.require('id'));
      const defaultId = params.get('set_default_appliance_id');
      const change = {
        title: readTitle(params, 'set_title'),
        ips: listEdit(params, 'ips', readIpEntries, (p, n) => {
          const e = readIpEntries(p, n);
          return e && entriesSet(e);
        }),
        domains: listEdit(params, 'domains', readDomains, readDomains),
        dnsNames: listEdit(params, 'dns_names', readNames, readNames),
        netbiosNames: listEdit(params, 'netbios_names', readNames, readNames),
        applianceIds: listEdit(params, 'appliance_ids', readIds, readIds),
        defaultApplianceId: defaultId === undefined || defaultId === '' ? undefined : parseId('set_default_appliance_id', defaultId),
        fields: readFields(params, 'set_'),
      };
      return service.atomically(() => {
        service.edit(id, change, ctx.datetime);
        return answered(ctx, 'Asset Group Updated Successfully', id);
      });
    },
  };
  const remove = deleteById((ctx, id) =>
    service.atomically(() => {
      service.delete(id);
      return answered(ctx, 'Asset Group Deleted Successfully', id);
    }),
  );
  return { path: GROUP_PATH, actions: { list, add, edit, delete: remove } };
}
