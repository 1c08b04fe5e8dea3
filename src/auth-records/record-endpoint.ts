import { checkParams, type ActionContext, type ActionResult, type ActionSpec, type Endpoint, type ParamRules } from '../qualys/endpoint.js';
import { batchReturn, type Batch } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseIdSet } from '../qualys/id-set.js';
import { isSingleton, type IntervalSet } from '../qualys/interval-set.js';
import type { RequestParams } from '../qualys/params.js';
import { fieldsFor, readRecordBody, readRecordChange, readRecordInput, type InputRules } from './record-input.js';
import { exclusiveGroups, missingIps, needsIps, settleFields } from './record-rules.js';
import { LIST_FILTER_PARAMS, nextPageUrl, readListFilter } from './list-filter.js';
import { listOutput, type Details } from './list-output.js';
import type { RecordService } from './record-service.js';
import type { ListAnswers } from './list-answers.js';
import type { RecordType } from './record-type.js';

export interface RecordActionsOptions extends InputRules {
  pageSize: number;
  /** List answers kept for calls asked again (shared by every type, so one bound holds). */
  answers: ListAnswers;
}

/**
 * A BATCH_RETURN with one BATCH per outcome that has IDs, in the given order, then [E] the
 * requested IDs that matched no record: CODE 1905, `Record(s) not found` (docs/fidelity.md §5).
 */
function batchResult(ctx: ActionContext, outcomes: readonly Batch[], notFound: IntervalSet = []): ActionResult {
  const batches = [...outcomes, { code: '1905', text: 'Record(s) not found', ids: notFound }].filter((b) => b.ids && b.ids.length > 0);
  return { xml: ctx.render(batchReturn({ request: ctx.echo, datetime: ctx.datetime, batches })) };
}

/** The parameters an action takes of a type's own: all but those of the other action only. */
const paramsOf = (type: RecordType, action: 'create' | 'update') => fieldsFor(type, action).map((f) => f.param);
/** `network_id`, unless the type takes none. */
const networkIdOf = (type: RecordType) => (type.networkId === false ? [] : ['network_id']);

/** The create action's parameters. */
function createRules(type: RecordType): ParamRules {
  return {
    allowed: ['action', 'echo_request', 'title', 'comments', ...paramsOf(type, 'create'), 'ips', ...networkIdOf(type)],
    required: ['title', ...(type.ips === undefined ? ['ips'] : []), ...type.fields.filter((f) => f.required).map((f) => f.param)],
    exclusive: exclusiveGroups(type),
  };
}

/**
 * A create whose parameters passed the action's rules: reads and checks its values, applies the
 * declared defaults and the rules between fields, then creates; `answer` runs inside the
 * create's transaction.
 */
function createRecord<T>(
  type: RecordType,
  service: RecordService,
  rules: InputRules,
  params: RequestParams,
  user: string,
  now: string,
  answer: (id: number) => T,
  xmlBody?: string,
): T {
  const input = readRecordInput(type, 'create', params, rules);
  const body = readRecordBody(type, 'create', xmlBody);
  const defaults = Object.fromEntries(type.fields.flatMap((f) => (f.default === undefined ? [] : [[f.param, f.default]])));
  const given = { ...defaults, ...input.fields };
  const fields = settleFields(type, body === undefined ? given : type.body!.apply(given, body), new Set(Object.keys(input.fields)));
  if (input.ips === undefined && needsIps(type, fields)) throw missingIps(type);
  return service.create(type, { ...input, fields, title: input.title!, ips: input.ips ?? [] }, user, now, answer);
}

/** Creates a record from `action=create` parameters, answering its new ID. */
export type RecordCreator = (type: RecordType, params: RequestParams, user: string, now: string) => number;

/**
 * `action=create` without a request (the seed): the parameters are checked exactly as the
 * dispatcher and the create action check them, and the answer is the new ID, not a document.
 */
export function recordCreator(service: RecordService, rules: InputRules): RecordCreator {
  return (type, params, user, now) => {
    checkParams('create', createRules(type), params);
    return createRecord(type, service, rules, params, user, now, (id) => id);
  };
}

/** The generic create, update, delete and list actions, driven by a type's declaration [Q: docs/fidelity.md §5]. */
export function recordEndpoint(type: RecordType, service: RecordService, options: RecordActionsOptions): Endpoint {
  const create: ActionSpec = {
    methods: ['POST'],
    ...createRules(type),
    handle(ctx: ActionContext) {
      return createRecord(
        type,
        service,
        options,
        ctx.params,
        ctx.user,
        ctx.datetime,
        (id) => batchResult(ctx, [{ text: 'Successfully Created', ids: [[id, id]] }]),
        ctx.xmlBody,
      );
    },
  };

  const update: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'ids', 'title', 'comments', ...paramsOf(type, 'update'), 'ips', 'add_ips', 'remove_ips', ...networkIdOf(type)],
    required: ['ids'],
    // [Q] ips replaces the set, add_ips and remove_ips edit it: both edits together, never with ips.
    exclusive: [['ips', ['add_ips', 'remove_ips']], ...exclusiveGroups(type)],
    handle(ctx: ActionContext) {
      const ids = parseIdSet('ids', ctx.params.require('ids'));
      const change = { ...readRecordChange(type, ctx.params, options), body: readRecordBody(type, 'update', ctx.xmlBody) };
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
    allowed: ['action', 'echo_request', ...LIST_FILTER_PARAMS, ...(type.listFilters ?? []).map((f) => f.param), 'details'],
    handle(ctx: ActionContext) {
      const { params } = ctx;
      const { pageSize } = options;
      // JSON: one-to-one, and a string of its own (parameters may be views of a whole 1 MiB body)
      const call = ctx.echo ? undefined : JSON.stringify([ctx.path, ctx.baseUrl, ctx.user, pageSize, params.entries]);
      const xml = options.answers.answer(call, service.generation(), ctx.datetime, () => {
        // [E] enum values are matched case-insensitively, as Qualys documents them capitalised but clients vary.
        const details: Details = params.oneOf('details', ['None', 'Basic', 'All'], true) ?? 'Basic';
        const { records, nextId } = service.list(type, readListFilter(params, type), pageSize);
        const nextUrl = nextPageUrl(ctx, nextId);
        return ctx.render(listOutput(type, { echo: ctx.echo, datetime: ctx.datetime, details, records, nextUrl, pageSize }));
      });
      return { xml };
    },
  };

  return { path: type.path, actions: { create, update, delete: remove, list } };
}
