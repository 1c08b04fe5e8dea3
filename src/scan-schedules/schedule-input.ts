import { qualysErrors } from '../qualys/errors.js';
import type { ParamRules } from '../qualys/endpoint.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { IntervalSet } from '../qualys/interval-set.js';
import { RequestParams } from '../qualys/params.js';
import { launchRules, readLaunch, type ScanLinks } from '../scans/scan-launch.js';
import { TIME_ZONES, type Recurrence, type ScheduleTiming } from './schedule.js';

/** [Q: the create page as XSOAR's command and a client's calls give it] when a scheduled scan runs. */
const TIMING_PARAMS = [
  'occurrence',
  'frequency_days',
  'frequency_weeks',
  'frequency_months',
  'weekdays',
  'day_of_month',
  'day_of_week',
  'week_of_month',
  'start_date',
  'start_hour',
  'start_minute',
  'time_zone_code',
  'observe_dst',
  'recurrence',
  'end_after',
];

const FREQUENCIES = ['frequency_days', 'frequency_weeks', 'frequency_months'];

/** A launch's parameters, less what a schedule cannot take (`action`, `echo_request`, added back per action). */
const DEFINITION_PARAMS = [...launchRules('vm').allowed.filter((p) => p !== 'action' && p !== 'echo_request'), 'active', ...TIMING_PARAMS];
const EXCLUSIVE = [...(launchRules('vm').exclusive ?? []), FREQUENCIES];

export const CREATE_RULES: ParamRules = {
  allowed: ['action', 'echo_request', ...DEFINITION_PARAMS],
  // [Q] a title and `active`; [E] the start time and time zone (Qualys's defaults are not on record)
  required: ['scan_title', 'active', 'start_hour', 'start_minute', 'time_zone_code'],
  exclusive: EXCLUSIVE,
};

export const UPDATE_RULES: ParamRules = { allowed: ['action', 'echo_request', 'id', ...DEFINITION_PARAMS], required: ['id'], exclusive: EXCLUSIVE };

/** [Q] `weekdays` names; [E] matched case-insensitively. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKS_OF_MONTH = ['first', 'second', 'third', 'fourth', 'last'];

function recurrenceOf(params: RequestParams): Recurrence {
  const given = FREQUENCIES.filter((f) => (params.get(f) ?? '') !== '');
  if (given.length === 0) throw qualysErrors.missingOneOf(FREQUENCIES);
  const occurrence = params.oneOf('occurrence', ['daily', 'weekly', 'monthly'], true);
  const kind = given[0] === 'frequency_days' ? 'daily' : given[0] === 'frequency_weeks' ? 'weekly' : 'monthly';
  // [E] an occurrence that names another recurrence than the frequency given
  if (occurrence !== undefined && occurrence !== kind)
    throw qualysErrors.invalidValue('occurrence', params.require('occurrence'), `${given[0]} makes it ${kind}`);
  if (kind === 'daily') return { kind: 'DAILY', every: Number(params.integer('frequency_days', 1, 365)) };
  if (kind === 'weekly') {
    const weekdays = params.list('weekdays', 200, WEEKDAYS);
    if (!weekdays) throw qualysErrors.missingParameters(['weekdays']);
    return { kind: 'WEEKLY', every: Number(params.integer('frequency_weeks', 1, 52)), weekdays: weekdays.split(',') };
  }
  const every = Number(params.integer('frequency_months', 1, 12));
  const dayOfMonth = params.integer('day_of_month', 1, 31);
  const dayOfWeek = params.integer('day_of_week', 0, 6);
  const weekOfMonth = params.oneOf('week_of_month', WEEKS_OF_MONTH, true);
  // [Q] a day of the month, or a weekday of a week of the month
  if (dayOfMonth !== undefined && (dayOfWeek !== undefined || weekOfMonth !== undefined))
    throw qualysErrors.exclusiveParameters(['day_of_month', 'day_of_week', 'week_of_month']);
  if (dayOfMonth !== undefined) return { kind: 'MONTHLY', every, dayOfMonth: Number(dayOfMonth) };
  if (dayOfWeek === undefined || weekOfMonth === undefined) throw qualysErrors.missingOneOf(['day_of_month', 'day_of_week and week_of_month']);
  return { kind: 'MONTHLY', every, dayOfWeek: Number(dayOfWeek), weekOfMonth };
}

/** [Q] `start_date` is mm/dd/yyyy; [E] today when not given. */
function startDate(params: RequestParams, now: Date): [number, number, number] {
  const value = params.get('start_date');
  if (value === undefined || value === '') return [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()];
  const m = value.match(/^(\d{2})\/(\d{2})\/(\d{4})$/);
  const date = m && new Date(Date.UTC(+m[3], +m[1] - 1, +m[2]));
  if (!m || !date || date.getUTCDate() !== +m[2]) throw qualysErrors.invalidValue('start_date', value, 'not a date: mm/dd/yyyy');
  return [+m[3], +m[1], +m[2]];
}

/** [Q] a time zone code, `US-CA` or `GB`; [E] an unknown one is kept, its details being the code. */
function timeZone(params: RequestParams): string {
  const code = params.require('time_zone_code');
  if (!/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/.test(code)) throw qualysErrors.invalidValue('time_zone_code', code, 'not a time zone code, e.g. US-CA');
  return code.toUpperCase();
}

export function readTiming(params: RequestParams, now: Date): ScheduleTiming {
  const recurrence = recurrenceOf(params);
  const [year, month, day] = startDate(params, now);
  const startHour = Number(params.integer('start_hour', 0, 23));
  const startMinute = Number(params.integer('start_minute', 0, 59));
  const timeZoneCode = timeZone(params);
  // [E] the start in UTC, by the zone's standard offset (an unknown zone counts as UTC)
  const local = Date.UTC(year, month - 1, day, startHour, startMinute);
  const startUtc = new Date(local - (TIME_ZONES[timeZoneCode]?.offsetMinutes ?? 0) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const recurrenceCount = params.integer('recurrence', 1, 99);
  const endAfter = params.integer('end_after', 1, 119);
  return {
    recurrence,
    startUtc,
    startHour,
    startMinute,
    timeZoneCode,
    observeDst: params.oneOf('observe_dst', ['yes', 'no'], true) === 'yes',
    recurrenceCount: recurrenceCount === undefined ? undefined : Number(recurrenceCount),
    endAfterHours: endAfter === undefined ? undefined : Number(endAfter),
  };
}

/** A definition from its parameters, every name checked through the families that own it. */
export function readDefinition(params: RequestParams, links: ScanLinks, now: Date) {
  const launch = readLaunch(params, 'vm', links);
  const ip = params.get('ip');
  const userIps: IntervalSet = ip === undefined || ip === '' ? [] : parseIpSet('ip', ip);
  return { active: params.oneOf('active', ['0', '1']) === '1', launch, userIps, timing: readTiming(params, now) };
}

export type Definition = ReturnType<typeof readDefinition>;

/** [E] the parameters that replace each other as a group: an update naming one drops the others' old values. */
const GROUPS = [
  ['ip', 'asset_groups', 'asset_group_ids'],
  ['option_title', 'option_id'],
  ['iscanner_id', 'iscanner_name', 'default_scanner', 'scanners_in_ag'],
  ['occurrence', ...FREQUENCIES, 'weekdays', 'day_of_month', 'day_of_week', 'week_of_month'],
];

/** A definition's parameters with an update's applied: each name given replaces its old value, or its group's. */
export function updatedParams(old: readonly (readonly [string, string])[], update: RequestParams): RequestParams {
  const given = new Set(update.names().filter((n) => n !== 'action' && n !== 'id' && n !== 'echo_request'));
  const dropped = new Set([...given, ...GROUPS.filter((g) => g.some((n) => given.has(n))).flat()]);
  return new RequestParams([['action', 'create'], ...old.filter(([n]) => n !== 'action' && !dropped.has(n)), ...update.entries.filter(([n]) => given.has(n))]);
}
