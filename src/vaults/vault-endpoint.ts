import { checkParams, type ActionContext, type ActionResult, type ActionSpec, type Endpoint, type ParamRules } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { parseId } from '../qualys/id-set.js';
import type { RequestParams } from '../qualys/params.js';
import { readField } from '../auth-records/record-input.js';
import { COMMENTS_MAX, TITLE_MAX } from '../auth-records/record-type.js';
import { qualysErrors } from '../qualys/errors.js';
import { VAULT_LIST_ORDERS, VAULT_SETTINGS, VAULT_TYPES } from './vault-type.js';
import { vaultListOutput, vaultViewOutput } from './vault-output.js';
import type { VaultInput, VaultService } from './vault-service.js';
import type { VaultOrder } from './vault-store.js';
import { deleteById } from '../qualys/delete-action.js';

export const VAULT_PATH = '/api/2.0/fo/vault/';
const SETTING_PARAMS = VAULT_SETTINGS.map((s) => s.param);

function readVaultInput(params: RequestParams): VaultInput {
  const settings: Record<string, string> = {};
  for (const s of VAULT_SETTINGS) {
    const value = readField(s, params);
    if (value !== undefined) settings[s.param] = value;
  }
  const title = params.text('title', TITLE_MAX);
  if (title === '') throw qualysErrors.invalidValue('title', title, 'a title cannot be empty');
  return { title, comments: params.text('comments', COMMENTS_MAX), settings };
}

/**
 * [Q] a write answers a SIMPLE_RETURN `Success` with a Status item; a delete with that one item
 * only, as Qualys's sample (delete_vault.htm). [E] create and update add an ID item: the sample
 * pages show none, and a client needs the new vault's ID.
 */
function success(ctx: ActionContext, status: string, id?: number): ActionResult {
  const items = [{ key: 'Status', values: [status] }, ...(id === undefined ? [] : [{ key: 'ID', values: [String(id)] }])];
  return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text: 'Success', items })) };
}

const idOf = (ctx: ActionContext) => parseId('id', ctx.params.require('id'));

const CREATE_RULES: ParamRules = {
  allowed: ['action', 'echo_request', 'title', 'type', 'comments', ...SETTING_PARAMS],
  required: ['title', 'type'],
};

/** A create whose parameters passed the action's rules: reads and checks its values, then creates. */
function createVault(service: VaultService, params: RequestParams, user: string, now: string): number {
  const vaultType = params.oneOf('type', VAULT_TYPES, true)!;
  const input = readVaultInput(params);
  return service.create({ ...input, title: input.title!, vaultType }, user, now);
}

/** Creates a vault from `action=create` parameters, answering its new ID. */
export type VaultCreator = (params: RequestParams, user: string, now: string) => number;

/** `action=create` without a request (the seed), checked exactly as the API checks it. */
export function vaultCreator(service: VaultService): VaultCreator {
  return (params, user, now) => {
    checkParams('create', CREATE_RULES, params);
    return createVault(service, params, user, now);
  };
}

/**
 * [Q] /api/2.0/fo/vault/ (release notes 8.3; the vault pages): list and view by GET or POST,
 * create, update and delete by POST; a vault is named by `id`, its kind by `type`.
 */
export function vaultEndpoint(service: VaultService, options: { readonly pageSize: number }): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'title', 'type', 'modified', 'orderby', 'sortorder', 'limit', 'offset'],
    handle(ctx) {
      const { params } = ctx;
      const vaultType = params.oneOf('type', VAULT_TYPES, true);
      // [Q names: the vault list page] [E] `modified`: vaults modified at or after that date;
      // `orderby` one of the listed values, `sortorder` asc or desc; by ID ascending otherwise.
      const modifiedSince = params.date('modified');
      const order: VaultOrder = {
        by: params.oneOf('orderby', VAULT_LIST_ORDERS, true) ?? 'id',
        descending: params.oneOf('sortorder', ['asc', 'desc'], true) === 'desc',
      };
      // [Q] limit and offset come together or not at all; [E] 1903 naming the one missing.
      const paging = ['limit', 'offset'].filter((p) => params.has(p));
      if (paging.length === 1) throw qualysErrors.missingParameters([paging[0] === 'limit' ? 'offset' : 'limit']);
      // [E] without them, the first --page-size vaults; a limit is at most that many too.
      const limit = Number(params.integer('limit', 1, options.pageSize) ?? options.pageSize);
      const offset = Number(params.integer('offset', 0) ?? 0);
      const vaults = service.list({ title: params.get('title') || undefined, vaultType, modifiedSince }, limit, offset, order);
      return { xml: ctx.render(vaultListOutput({ echo: ctx.echo, datetime: ctx.datetime, vaults })) };
    },
  };
  const view: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'id'],
    required: ['id'],
    handle: (ctx) => ({ xml: ctx.render(vaultViewOutput({ echo: ctx.echo, datetime: ctx.datetime, vault: service.view(idOf(ctx)) })) }),
  };
  const create: ActionSpec = {
    methods: ['POST'],
    ...CREATE_RULES,
    // Each write renders its answer inside its transaction, so a failure there undoes it.
    handle: (ctx) => service.atomically(() => success(ctx, 'Created', createVault(service, ctx.params, ctx.user, ctx.datetime))),
  };
  const update: ActionSpec = {
    methods: ['POST'],
    // [Q] a vault's type is fixed at create: `type` is not an update parameter.
    allowed: ['action', 'echo_request', 'id', 'title', 'comments', ...SETTING_PARAMS],
    required: ['id'],
    handle(ctx) {
      const id = idOf(ctx);
      const input = readVaultInput(ctx.params);
      return service.atomically(() => {
        service.update(id, input, ctx.user, ctx.datetime);
        return success(ctx, 'Updated', id);
      });
    },
  };
  const remove = deleteById((ctx, id) =>
    service.atomically(() => {
      service.delete(id);
      return success(ctx, 'Deleted');
    }),
  );
  return { path: VAULT_PATH, actions: { list, view, create, update, delete: remove } };
}
