import type { ActionContext, ActionResult, ActionSpec, Endpoint } from '../qualys/endpoint.js';
import { batchReturn, type Batch } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseIdSet } from '../qualys/id-set.js';
import { isSingleton, type IntervalSet } from '../qualys/interval-set.js';
import { conditionallyMissing, readRecordChange, readRecordInput, type InputRules } from './record-input.js';
import { LIST_FILTER_PARAMS, nextPageUrl, readListFilter } from './list-filter.js';
import { listOutput, type Details } from './list-output.js';
import type { RecordService } from './record-service.js';
import type { RecordType } from './record-type.js';

export interface RecordActionsOptions extends InputRules {
  pageSize: number;
}

/**
 * A BATCH_RETURN with one BATCH per outcome that has IDs, in the given order, then [E] the
 * requested IDs that matched no record: CODE 1905, `Record(s) not found` (docs/fidelity.md §5).
 */
function batchResult(ctx: ActionContext, outcomes: readonly Batch[], notFound: IntervalSet = []): ActionResult {
  const batches = [...outcomes, { code: '1905', text: 'Record(s) not found', ids: notFound }].filter((b) => b.ids && b.ids.length > 0);
  return { xml: ctx.render(batchReturn({ request: ctx.echo, datetime: ctx.datetime, batches })) };
}

/** The generic create, update, delete and list actions, driven by a type's declaration [Q: docs/fidelity.md §5]. */
export function recordEndpoint(type: RecordType, service: RecordService, options: RecordActionsOptions): Endpoint {
  const fieldParams = type.fields.map((f) => f.param);

  const create: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'title', 'comments', ...fieldParams, 'ips', 'network_id'],
    required: ['title', 'ips', ...type.fields.filter((f) => f.requiredOnCreate === true).map((f) => f.param)],
    handle(ctx: ActionContext) {
      const missing = conditionallyMissing(type, ctx.params);
      if (missing.length > 0) throw qualysErrors.missingParameters(missing);
      const input = readRecordInput(type, ctx.params, options);
      return service.create(type, { ...input, title: input.title!, ips: input.ips! }, ctx.user, ctx.datetime, (id) =>
        batchResult(ctx, [{ text: 'Successfully Created', ids: [[id, id]] }]),
      );
    },
  };

  const update: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'ids', 'title', 'comments', ...fieldParams, 'ips', 'add_ips', 'remove_ips', 'network_id'],
    required: ['ids'],
    // [Q] ips replaces the set, add_ips and remove_ips edit it: both edits together, never with ips.
    exclusive: [['ips', ['add_ips', 'remove_ips']]],
    handle(ctx: ActionContext) {
      const ids = parseIdSet('ids', ctx.params.require('ids'));
      const change = readRecordChange(type, ctx.params, options);
      if (change.title !== undefined && !isSingleton(ids)) throw qualysErrors.titleNeedsOneId(change.title);
      return service.update(type, ids, change, ctx.user, ctx.datetime, (outcome) =>
        batchResult(
          ctx,
          [
            { text: 'Successfully Updated', ids: outcome.updated },
            // [Q] a client accepts a TEXT containing `nothing to change`; [E] wording, and the IDs it concerns.
            { text: 'No records updated: nothing to change', ids: outcome.unchanged },
          ],
          outcome.notFound,
        ),
      );
    },
  };

  const remove: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'ids'],
    required: ['ids'],
    handle(ctx: ActionContext) {
      return service.delete(type, parseIdSet('ids', ctx.params.require('ids')), (outcome) =>
        batchResult(ctx, [{ text: 'Successfully Deleted', ids: outcome.deleted }], outcome.notFound),
      );
    },
  };

  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', ...LIST_FILTER_PARAMS, 'details'],
    handle(ctx: ActionContext) {
      const { params } = ctx;
      // [E] enum values are matched case-insensitively, as Qualys documents them capitalised but clients vary.
      const details: Details = params.oneOf('details', ['None', 'Basic', 'All'], true) ?? 'Basic';
      const { records, nextId } = service.list(type, readListFilter(params), options.pageSize);
      const nextUrl = nextPageUrl(ctx, nextId);
      return {
        xml: ctx.render(listOutput(type, { echo: ctx.echo, datetime: ctx.datetime, details, records, nextUrl, pageSize: options.pageSize })),
      };
    },
  };

  return { path: type.path, actions: { create, update, delete: remove, list } };
}
