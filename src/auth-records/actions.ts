import type { ActionContext, ActionSpec, Endpoint } from '../qualys/endpoint.js';
import { batchReturn } from '../qualys/envelopes.js';
import { MAX_ID, parseId, parseIdSet } from '../qualys/id-set.js';
import { intersect } from '../qualys/interval-set.js';
import { readRecordInput, type InputRules } from './record-input.js';
import { listOutput, type Details } from './list-output.js';
import type { RecordService } from './record-service.js';
import type { RecordType } from './record-type.js';

export interface RecordActionsOptions extends InputRules {
  pageSize: number;
}

/** The generic create and list actions, driven by a type's declaration [Q: spec section 5]. */
export function recordEndpoint(type: RecordType, service: RecordService, options: RecordActionsOptions): Endpoint {
  const fieldParams = type.fields.map((f) => f.param);

  const create: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'title', 'comments', ...fieldParams, 'ips', 'network_id'],
    required: ['title', 'ips', ...type.fields.filter((f) => f.requiredOnCreate).map((f) => f.param)],
    handle(ctx: ActionContext) {
      const input = readRecordInput(type, ctx.params, options);
      const id = service.create(type, { ...input, title: input.title!, ips: input.ips! }, ctx.user, ctx.datetime);
      return { doc: batchReturn({ request: ctx.echo, datetime: ctx.datetime, batches: [{ text: 'Successfully Created', ids: [[id, id]] }] }) };
    },
  };

  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'ids', 'id_min', 'id_max', 'title', 'comments', 'details'],
    handle(ctx: ActionContext) {
      const { params } = ctx;
      // [E] enum values are matched case-insensitively, as Qualys documents them capitalised but clients vary.
      const details: Details = params.oneOf('details', ['None', 'Basic', 'All'], true) ?? 'Basic';
      const ids = params.has('ids') ? parseIdSet('ids', params.require('ids')) : [[1, MAX_ID] as const];
      const idMin = params.has('id_min') ? parseId('id_min', params.require('id_min')) : 1;
      const idMax = params.has('id_max') ? parseId('id_max', params.require('id_max')) : MAX_ID;
      const filter = {
        ids: idMin <= idMax ? intersect(ids, [[idMin, idMax]]) : [],
        title: params.get('title') || undefined,
        comments: params.get('comments') || undefined,
      };
      const { records, nextId } = service.list(type, filter, options.pageSize);
      const nextUrl = nextId === undefined ? undefined : `${ctx.baseUrl}${ctx.path}?${params.with('id_min', String(nextId)).toQueryString()}`;
      return {
        doc: listOutput(type, { echo: ctx.echo, datetime: ctx.datetime, details, records, nextUrl, pageSize: options.pageSize }),
      };
    },
  };

  return { path: type.path, actions: { create, list } };
}
