import type { ActionContext, ActionSpec, Endpoint } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { parseId } from '../qualys/id-set.js';
import type { RequestParams } from '../qualys/params.js';
import { readField } from '../auth-records/record-input.js';
import { COMMENTS_MAX, TITLE_MAX } from '../auth-records/record-type.js';
import { qualysErrors } from '../qualys/errors.js';
import { VAULT_SETTINGS, VAULT_TYPES } from './vault-type.js';
import { vaultListOutput, vaultViewOutput } from './vault-output.js';
import type { VaultInput, VaultService } from './vault-service.js';

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

/** [Q] create, update and delete answer a SIMPLE_RETURN `Success` with a Status item (delete_vault.htm); [E] with the ID. */
function success(ctx: ActionContext, status: string, id: number) {
  return {
    doc: simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text: 'Success', items: [{ key: 'Status', values: [status] }, { key: 'ID', values: [String(id)] }] }),
  };
}

const idOf = (ctx: ActionContext) => parseId('id', ctx.params.require('id'));

/**
 * [Q] /api/2.0/fo/vault/ (release notes 8.3; the vault pages): list and view by GET or POST,
 * create, update and delete by POST; a vault is named by `id`, its kind by `type`.
 */
export function vaultEndpoint(service: VaultService, options: { readonly pageSize: number }): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'title', 'type'],
    handle(ctx) {
      const vaultType = ctx.params.oneOf('type', VAULT_TYPES, true);
      // [E] the first page only: Qualys pages vaults with limit/offset, which the emulator does not take.
      const vaults = service.list({ title: ctx.params.get('title') || undefined, vaultType }, options.pageSize);
      return { doc: vaultListOutput({ echo: ctx.echo, datetime: ctx.datetime, vaults }) };
    },
  };
  const view: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'id'],
    required: ['id'],
    handle: (ctx) => ({ doc: vaultViewOutput({ echo: ctx.echo, datetime: ctx.datetime, vault: service.view(idOf(ctx)) }) }),
  };
  const create: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'title', 'type', 'comments', ...SETTING_PARAMS],
    required: ['title', 'type'],
    handle(ctx) {
      const vaultType = ctx.params.oneOf('type', VAULT_TYPES, true)!;
      const input = readVaultInput(ctx.params);
      return success(ctx, 'Created', service.create({ ...input, title: input.title!, vaultType }, ctx.user, ctx.datetime));
    },
  };
  const update: ActionSpec = {
    methods: ['POST'],
    // [Q] a vault's type is fixed at create: `type` is not an update parameter.
    allowed: ['action', 'echo_request', 'id', 'title', 'comments', ...SETTING_PARAMS],
    required: ['id'],
    handle(ctx) {
      const id = idOf(ctx);
      service.update(id, readVaultInput(ctx.params), ctx.user, ctx.datetime);
      return success(ctx, 'Updated', id);
    },
  };
  const remove: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'id'],
    required: ['id'],
    handle(ctx) {
      const id = idOf(ctx);
      service.delete(id);
      return success(ctx, 'Deleted', id);
    },
  };
  return { path: VAULT_PATH, actions: { list, view, create, update, delete: remove } };
}
