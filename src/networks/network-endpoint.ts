import { checkParams, type ActionContext, type ActionSpec, type Endpoint, type ParamRules } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseId, parseIdSet } from '../qualys/id-set.js';
import { contains } from '../qualys/interval-set.js';
import type { RequestParams } from '../qualys/params.js';
import { networkListOutput } from './network-output.js';
import type { NetworkService } from './network-service.js';

export const NETWORK_PATH = '/api/2.0/fo/network/';

/** [E] Qualys states no limit on a network's name. */
const NAME_MAX = 255;

function nameOf(params: RequestParams): string {
  const name = params.text('name', NAME_MAX)!.trim();
  if (name === '') throw qualysErrors.invalidValue('name', '', 'a name cannot be empty');
  return name;
}

const CREATE_RULES: ParamRules = { allowed: ['action', 'echo_request', 'name'], required: ['name'] };

/** `action=create` without a request (the seed), checked as the API checks it; answers the new ID. */
export function networkCreator(service: NetworkService) {
  return (params: RequestParams, user: string, now: string): number => {
    checkParams('create', CREATE_RULES, params);
    return service.create(nameOf(params), user, now);
  };
}

/** [Q: Qualys's Create Network and Update Network samples] a TEXT, then the network's `id` (lower case) and, on update, its `name`. */
function answer(ctx: ActionContext, text: string, id: number, name?: string) {
  const items = [{ key: 'id', values: [String(id)] }, ...(name === undefined ? [] : [{ key: 'name', values: [name] }])];
  return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text, items })) };
}

/**
 * [Q] /api/2.0/fo/network/ (Network Support): list by GET or POST, create and update by POST; no
 * delete in any version. Assigning a scanner appliance to a network is an action of
 * /api/2.0/fo/appliance/ (`assign_network_id`), where Qualys's sample sends it.
 */
export function networkEndpoint(service: NetworkService): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'ids'],
    handle(ctx) {
      const ids = ctx.params.has('ids') ? parseIdSet('ids', ctx.params.require('ids')) : undefined;
      const networks = service.list(ids && ((id) => contains(ids, id)));
      return { xml: ctx.render(networkListOutput({ echo: ctx.echo, datetime: ctx.datetime, networks, appliances: service.appliancesByNetwork() })) };
    },
  };
  const create: ActionSpec = {
    methods: ['POST'],
    ...CREATE_RULES,
    handle: (ctx) => service.atomically(() => answer(ctx, 'Network created with ID', service.create(nameOf(ctx.params), ctx.user, ctx.datetime))),
  };
  const update: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'id', 'name'],
    required: ['id', 'name'],
    handle(ctx) {
      const id = String(parseId('id', ctx.params.require('id')));
      const name = nameOf(ctx.params);
      return service.atomically(() => answer(ctx, 'Network updated', service.rename(id, name, ctx.user, ctx.datetime), name));
    },
  };
  return { path: NETWORK_PATH, actions: { list, create, update } };
}
