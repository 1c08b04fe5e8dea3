import { checkParams, type ActionContext, type ActionResult, type ActionSpec, type Endpoint } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseId } from '../qualys/id-set.js';
import type { RequestParams } from '../qualys/params.js';
import type { ScanLinks } from '../scans/scan-launch.js';
import { CREATE_RULES, readDefinition, UPDATE_RULES, updatedParams } from './schedule-input.js';
import { scheduleListOutput } from './schedule-output.js';
import type { ScheduleStore } from './schedule-store.js';

/** [Q] documented path; [Q: clients] clients call v5.0 too, [E] with the same parameters and answers. */
export const SCHEDULE_PATHS = ['/api/2.0/fo/schedule/scan/', '/api/5.0/fo/schedule/scan/'];

/** [Q recorded] each write answers SIMPLE_RETURN with its TEXT and ITEM `ID` ([E] for update and delete, which XSOAR maps as it maps create's). */
function answered(ctx: ActionContext, text: string, id: number): ActionResult {
  return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text, items: [{ key: 'ID', values: [String(id)] }] })) };
}

/** What is kept of a definition's parameters: those it was given, less the call's own. */
const kept = (params: RequestParams) => params.entries.filter(([n]) => n !== 'action' && n !== 'echo_request').map(([n, v]) => [n, v] as [string, string]);

/** `action=create` without a request (the seed), checked exactly as the API checks it. */
export function scheduleCreator(store: ScheduleStore, links: ScanLinks) {
  return (params: RequestParams, user: string, now: string): number => {
    checkParams('create', CREATE_RULES, params);
    return store.insert(user, kept(params), readDefinition(params, links, new Date()), now);
  };
}

function existing(store: ScheduleStore, value: string) {
  const schedule = store.get(parseId('id', value));
  if (!schedule) throw qualysErrors.noSuch('id', value, 'scheduled scan');
  return schedule;
}

/** [Q] /api/2.0/fo/schedule/scan/: list, create, update, delete, as stored definitions that never launch. */
export function scheduleEndpoints(store: ScheduleStore, links: ScanLinks, pageSize: () => number): Endpoint[] {
  const create = scheduleCreator(store, links);
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'echo_request', 'id', 'active', 'show_notifications', 'scan_type', 'fqdn', 'show_cloud_details', 'client_id', 'client_name'],
    exclusive: [['client_id', 'client_name']],
    handle(ctx) {
      const { params } = ctx;
      const ids = params.has('id')
        ? params
            .require('id')
            .split(',')
            .map((v) => parseId('id', v))
        : undefined;
      const active = params.oneOf('active', ['0', '1']);
      for (const flag of ['show_notifications', 'show_cloud_details']) params.oneOf(flag, ['0', '1']);
      params.oneOf('scan_type', ['certview', 'perimeter']);
      // [E] no truncation is documented for this list: the emulator's page size bounds it
      const schedules = store.list({ ids, active: active === undefined ? undefined : active === '1' }, pageSize());
      return { xml: ctx.render(scheduleListOutput({ echo: ctx.echo, datetime: ctx.datetime, schedules })) };
    },
  };
  const createAction: ActionSpec = {
    methods: ['POST'],
    ...CREATE_RULES,
    handle: (ctx) => store.transaction(() => answered(ctx, 'New scan scheduled successfully', create(ctx.params, ctx.user, ctx.datetime))),
  };
  const update: ActionSpec = {
    methods: ['POST'],
    ...UPDATE_RULES,
    handle(ctx) {
      return store.transaction(() => {
        const schedule = existing(store, ctx.params.require('id'));
        const params = updatedParams(schedule.params, ctx.params);
        store.update(schedule.id, kept(params), readDefinition(params, links, new Date()));
        return answered(ctx, 'Edit scheduled scan Completed successfully', schedule.id);
      });
    },
  };
  const remove: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'id'],
    required: ['id'],
    handle(ctx) {
      return store.transaction(() => {
        const schedule = existing(store, ctx.params.require('id'));
        store.delete(schedule.id);
        return answered(ctx, 'Schedule scan deleted successfully', schedule.id);
      });
    },
  };
  return SCHEDULE_PATHS.map((path) => ({ path, actions: { list, create: createAction, update, delete: remove } }));
}
