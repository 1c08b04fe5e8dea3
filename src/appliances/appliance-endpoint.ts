import { checkParams, type ActionContext, type ActionSpec, type Endpoint, type ParamRules } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseId, parseIdSet } from '../qualys/id-set.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { RequestParams } from '../qualys/params.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { APPLIANCE_TYPES, type ApplianceType, type StaticRoute, type Vlan } from './appliance-store.js';
import type { ApplianceChange, ApplianceService, NewAppliance } from './appliance-service.js';
import { applianceCreateOutput, applianceListOutput } from './appliance-output.js';
import { deleteById } from '../qualys/delete-action.js';

export const APPLIANCE_PATH = '/api/2.0/fo/appliance/';

/** [Q] a friendly name: at most 15 characters, no spaces (update_physical_scanner.htm). */
function readName(params: RequestParams): string | undefined {
  const name = params.text('name', 15);
  if (name !== undefined && (name === '' || /\s/.test(name))) throw qualysErrors.invalidValue('name', name, 'at most 15 characters, no spaces');
  return name;
}

/** [Q] 60 to 3600 seconds (update_physical_scanner.htm). */
const readPolling = (params: RequestParams) => {
  const value = params.integer('polling_interval', 60, 3600);
  return value === undefined ? undefined : Number(value);
};

/** One IPv4 address of a VLAN or route entry, checked as the IP lists are. */
function address(param: string, entry: string, text: string): string {
  const set = parseIpSet(param, text);
  if (set.length !== 1 || set[0][0] !== set[0][1] || text.includes('/') || text.includes('-'))
    throw qualysErrors.invalidValue(param, entry, `not one IPv4 address: ${text}`);
  return text.trim();
}

/** `a|b|c|d[|...]` entries, comma-separated; an empty value clears the list [Q: the fields a Qualys migration tool sends]. */
function pipeEntries<T>(params: RequestParams, name: string, read: (parts: string[], entry: string) => T): T[] | undefined {
  const value = params.text(name, 4096);
  if (value === undefined) return undefined;
  if (value.trim() === '') return [];
  return value.split(',').map((entry) => {
    const parts = entry.split('|');
    if (parts.length < 4 || parts.length > 6)
      throw qualysErrors.invalidValue(name, value, `not a ${name === 'set_vlans' ? 'id|ip|netmask|name' : 'ip|netmask|gateway|name'} entry: ${entry}`);
    return read(parts, value);
  });
}

const readVlans = (params: RequestParams): Vlan[] | undefined =>
  pipeEntries(params, 'set_vlans', ([id, ip, netmask, name], value) => {
    // [Q] VLAN IDs are 802.1Q tags, 1 to 4094; [E] the check
    if (!/^\d{1,4}$/.test(id) || +id < 1 || +id > 4094) throw qualysErrors.invalidValue('set_vlans', value, `not a VLAN ID from 1 to 4094: ${id}`);
    return { id: String(+id), ip: address('set_vlans', value, ip), netmask: address('set_vlans', value, netmask), name };
  });

const readRoutes = (params: RequestParams): StaticRoute[] | undefined =>
  pipeEntries(params, 'set_routes', ([ip, netmask, gateway, name], value) => ({
    ip: address('set_routes', value, ip),
    netmask: address('set_routes', value, netmask),
    gateway: address('set_routes', value, gateway),
    name,
  }));

const tagList = (params: RequestParams, name: string) =>
  params
    .list(name, 4096)
    ?.split(',')
    .filter((t) => t !== '');

const idOf = (ctx: ActionContext) => parseId('id', ctx.params.require('id'));

/** [E] update and delete answer a SIMPLE_RETURN with the appliance's ID; Qualys's TEXTs are not on record. */
function done(ctx: ActionContext, text: string, id: number) {
  return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text, items: [{ key: 'ID', values: [String(id)] }] })) };
}

const CREATE_RULES: ParamRules = { allowed: ['action', 'echo_request', 'name', 'polling_interval', 'asset_group_id'], required: ['name'] };

/** [E] a seed entry may say what the API cannot: a physical appliance, its status, its network, comments. */
export const APPLIANCE_SEED_FIELDS = ['type', 'status', 'network_id', 'comments'] as const;

/** Creates an appliance from a seed entry's `action=create` parameters and its own fields. */
export function applianceSeeder(service: ApplianceService, networks: NetworkDirectory) {
  return (params: RequestParams, extra: RequestParams, now: string): number => {
    checkParams('create', CREATE_RULES, params);
    checkParams('create', { allowed: APPLIANCE_SEED_FIELDS }, extra);
    const input: NewAppliance = {
      name: readName(params)!,
      pollingInterval: readPolling(params),
      type: extra.oneOf('type', APPLIANCE_TYPES, true) ?? 'virtual',
      status: extra.oneOf('status', ['Online', 'Offline'], true),
      networkId: extra.has('network_id') ? networks.networkId(extra.require('network_id')) : undefined,
      comments: extra.text('comments', 1024),
    };
    return service.create(input, now).appliance.id;
  };
}

/**
 * [Q] an update by `id` (update_physical_scanner.htm: the same parameters at /fo/appliance/ and
 * /fo/appliance/physical/); with `only`, [E] an appliance of another type is a 1905.
 */
function updateAction(service: ApplianceService, only?: ApplianceType): ActionSpec {
  return {
    methods: ['POST'],
    allowed: [
      'action',
      'echo_request',
      'id',
      'name',
      'comment',
      'polling_interval',
      'set_vlans',
      'set_routes',
      'set_tags',
      'add_tags',
      'remove_tags',
      'tag_set_by',
      'enable_ipv6',
    ],
    required: ['id'],
    // [Q] set_tags cannot come with add_tags or remove_tags (update_physical_scanner.htm)
    exclusive: [['set_tags', ['add_tags', 'remove_tags']]],
    handle(ctx) {
      const { params } = ctx;
      const id = idOf(ctx);
      params.oneOf('tag_set_by', ['id', 'name'], true);
      params.oneOf('enable_ipv6', ['0', '1']);
      const change: ApplianceChange = {
        name: readName(params),
        comments: params.text('comment', 1024),
        pollingInterval: readPolling(params),
        vlans: readVlans(params),
        routes: readRoutes(params),
        tags: { set: tagList(params, 'set_tags'), add: tagList(params, 'add_tags'), remove: tagList(params, 'remove_tags') },
      };
      return service.atomically(() => {
        const type = service.get(id)?.type;
        if (only && type !== undefined && type !== only) throw qualysErrors.invalidValue('id', String(id), `not a ${only} scanner appliance`);
        service.update(id, change, ctx.datetime);
        return done(ctx, 'Scanner appliance updated successfully', id);
      });
    },
  };
}

/**
 * [Q] /api/2.0/fo/appliance/: list (GET or POST) in brief or full mode; create, update and delete
 * of virtual scanners; assigning an appliance to a network (POST).
 */
export function applianceEndpoint(
  service: ApplianceService,
  options: { readonly networks: NetworkDirectory; groupsOf(ids: readonly number[]): ReadonlyMap<number, readonly { id: number; title: string }[]> },
): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: [
      'action',
      'echo_request',
      'output_mode',
      'ids',
      'name',
      'busy',
      'scan_ref',
      'type',
      'platform_provider',
      'scan_detail',
      'show_tags',
      'include_cloud_info',
      'include_license_info',
      'network_id',
    ],
    handle(ctx) {
      const { params } = ctx;
      const full = params.oneOf('output_mode', ['brief', 'full'], true) === 'full';
      for (const flag of ['busy', 'scan_detail', 'show_tags', 'include_cloud_info', 'include_license_info']) params.oneOf(flag, ['0', '1']);
      const type = params.oneOf('type', ['physical', 'virtual', 'containerized', 'offline'], true);
      const provider = params.oneOf('platform_provider', ['ec2', 'ec2_compat', 'gce', 'azure', 'vCenter'], true);
      const scanRef = params.text('scan_ref', 64);
      const networkId = params.integer('network_id', 0);
      // [E] no emulated appliance is busy, runs a scan or is cloud-deployed: those filters match none.
      const none = params.get('busy') === '1' || Boolean(scanRef) || provider !== undefined || type === 'containerized' || type === 'offline';
      const appliances = none
        ? []
        : service.list(
            {
              ids: params.has('ids') ? parseIdSet('ids', params.require('ids')) : undefined,
              name: params.get('name') || undefined,
              type: type as 'physical' | 'virtual' | undefined,
              networkId: networkId === undefined ? undefined : Number(networkId),
            },
            -1,
          );
      const licenses =
        params.get('include_license_info') === '1' ? { count: service.licensesUsed() + service.remainingLicenses(), used: service.licensesUsed() } : undefined;
      const listOptions = {
        full,
        showTags: params.get('show_tags') !== '0',
        networks: options.networks.enabled,
        groups: full ? options.groupsOf(appliances.map((a) => a.id)) : new Map(),
      };
      return { xml: ctx.render(applianceListOutput({ echo: ctx.echo, datetime: ctx.datetime, appliances, options: listOptions, licenses })) };
    },
  };
  const create: ActionSpec = {
    methods: ['POST'],
    ...CREATE_RULES,
    handle(ctx) {
      const name = readName(ctx.params)!;
      const pollingInterval = readPolling(ctx.params);
      // [Q] asset_group_id is for Unit Managers and Scanners; [E] every emulated user is a Manager, so it is read and not kept.
      ctx.params.integer('asset_group_id', 1);
      return service.atomically(() => ({
        xml: ctx.render(
          applianceCreateOutput({ echo: ctx.echo, datetime: ctx.datetime, ...service.create({ name, pollingInterval, type: 'virtual' }, ctx.datetime) }),
        ),
      }));
    },
  };
  const update = updateAction(service);
  const remove = deleteById((ctx, id) =>
    service.atomically(() => {
      service.delete(id);
      return done(ctx, 'Scanner appliance deleted successfully', id);
    }),
  );
  // [Q: Qualys's Assign Scanner Appliance to Network sample and its docs page] Managers only; [E] every emulated user is one
  const assignNetwork: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'appliance_id', 'network_id'],
    required: ['appliance_id', 'network_id'],
    handle(ctx) {
      const id = parseId('appliance_id', ctx.params.require('appliance_id'));
      const networkId = options.networks.networkId(ctx.params.require('network_id'));
      return service.atomically(() => {
        service.assignNetwork(id, networkId, ctx.datetime);
        const text = `Success: Network ID=[${networkId}] assigned to Appliance with ID=[${id}]`;
        return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text })) };
      });
    },
  };
  return { path: APPLIANCE_PATH, actions: { list, create, update, delete: remove, assign_network_id: assignNetwork } };
}

export const PHYSICAL_PATH = '/api/2.0/fo/appliance/physical/';

/** [Q] /api/2.0/fo/appliance/physical/: the update of physical scanners (update_physical_scanner.htm). */
export function physicalApplianceEndpoint(service: ApplianceService): Endpoint {
  return { path: PHYSICAL_PATH, actions: { update: updateAction(service, 'physical') } };
}
