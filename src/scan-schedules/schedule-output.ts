import { listOutput, type RequestEcho } from '../qualys/envelopes.js';
import { dtdText, REQUEST_DTD, sequence } from '../qualys/dtd-text.js';
import { formatAddress, formatIpSet } from '../qualys/ip-set.js';
import { cdataLeaf, el, elOf, leaf, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import { PRIORITY_NAMES } from '../scans/scan.js';
import type { Recurrence } from './schedule.js';
import { TIME_ZONES } from './schedule.js';
import type { StoredSchedule } from './schedule-store.js';

/** [Q sample, 2017] the list's DTD. */
export const SCHEDULE_LIST_DTD = '/api/2.0/fo/schedule/scan/schedule_scan_list_output.dtd';

/** [Q sample and recorded] `DAILY frequency_days="1"` and its kin: an empty element whose attributes say the recurrence. */
function recurrenceElement(r: Recurrence): XmlElement {
  if (r.kind === 'DAILY') return { name: 'DAILY', attrs: { frequency_days: String(r.every) } };
  if (r.kind === 'WEEKLY') return { name: 'WEEKLY', attrs: { frequency_weeks: String(r.every), weekdays: r.weekdays.join(',') } };
  const attrs: Record<string, string> = { frequency_months: String(r.every) };
  if (r.dayOfMonth !== undefined) attrs.day_of_month = String(r.dayOfMonth);
  if (r.dayOfWeek !== undefined) attrs.day_of_week = String(r.dayOfWeek);
  if (r.weekOfMonth !== undefined) attrs.week_of_month = r.weekOfMonth;
  return { name: 'MONTHLY', attrs };
}

const ipText = (set: StoredSchedule['definition']['userIps']) =>
  formatIpSet(set)
    .map((e) => e.value)
    .join(', ');

function scheduleElement({ id, userLogin, definition: d }: StoredSchedule): XmlElement {
  const { launch, timing } = d;
  return el(
    'SCAN',
    leaf('ID', String(id)),
    leaf('ACTIVE', d.active ? '1' : '0'),
    cdataLeaf('TITLE', launch.title),
    leaf('USER_LOGIN', userLogin),
    cdataLeaf('TARGET', ipText(launch.target)),
    cdataLeaf('NETWORK_ID', String(launch.networkId)),
    cdataLeaf('ISCANNER_NAME', launch.scanner),
    launch.excluded.length > 0 && cdataLeaf('EXCLUDE_IP_PER_SCAN', ipText(launch.excluded)),
    launch.assetGroups.length > 0 &&
      elOf(
        'ASSET_GROUP_TITLE_LIST',
        launch.assetGroups.map((t) => cdataLeaf('ASSET_GROUP_TITLE', t)),
      ),
    d.userIps.length > 0 &&
      elOf(
        'USER_ENTERED_IPS',
        // [Q recorded: RANGE (START, END)]; [E] a single address as a range of one
        d.userIps.map(([lo, hi]) => el('RANGE', leaf('START', formatAddress(lo)), leaf('END', formatAddress(hi)))),
      ),
    el('OPTION_PROFILE', cdataLeaf('TITLE', launch.optionProfile.title), leaf('DEFAULT_FLAG', launch.optionProfile.isDefault ? '1' : '0')),
    leaf('PROCESSING_PRIORITY', `${launch.priority} - ${PRIORITY_NAMES[launch.priority]}`),
    el(
      'SCHEDULE',
      recurrenceElement(timing.recurrence),
      leaf('START_DATE_UTC', timing.startUtc),
      leaf('START_HOUR', String(timing.startHour)),
      leaf('START_MINUTE', String(timing.startMinute)),
      timing.recurrenceCount !== undefined && leaf('RECURRENCE', String(timing.recurrenceCount)),
      timing.endAfterHours !== undefined && leaf('END_AFTER', String(timing.endAfterHours)),
      el('TIME_ZONE', leaf('TIME_ZONE_CODE', timing.timeZoneCode), leaf('TIME_ZONE_DETAILS', TIME_ZONES[timing.timeZoneCode]?.details ?? timing.timeZoneCode)),
      leaf('DST_SELECTED', timing.observeDst ? '1' : '0'),
    ),
  );
}

/** [Q] SCHEDULE_SCAN_LIST_OUTPUT; [E] no SCHEDULE_SCAN_LIST when nothing matches, as the scan list. */
export function scheduleListOutput(r: { echo?: RequestEcho; datetime: string; schedules: readonly StoredSchedule[] }): XmlDocumentSpec {
  return listOutput({
    dtdPath: SCHEDULE_LIST_DTD,
    root: 'SCHEDULE_SCAN_LIST_OUTPUT',
    echo: r.echo,
    datetime: r.datetime,
    list: 'SCHEDULE_SCAN_LIST',
    items: r.schedules.map((s) => scheduleElement(s)),
  });
}

/** [E] reconstructed from the guide's sample, a recorded list and the content model a client quotes. */
export function scheduleListDtd(): string {
  return dtdText('SCHEDULE_SCAN_LIST_OUTPUT: /api/2.0/fo/schedule/scan/?action=list (Qualys API v2). [E] reconstructed.', [
    '<!ELEMENT SCHEDULE_SCAN_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, SCHEDULE_SCAN_LIST?)>',
    '<!ELEMENT SCHEDULE_SCAN_LIST (SCAN+)>',
    sequence('SCAN', [
      'ID',
      'ACTIVE',
      'TITLE?',
      'USER_LOGIN',
      'TARGET',
      'NETWORK_ID?',
      'ISCANNER_NAME?',
      'EXCLUDE_IP_PER_SCAN?',
      'ASSET_GROUP_TITLE_LIST?',
      'USER_ENTERED_IPS?',
      'OPTION_PROFILE?',
      'PROCESSING_PRIORITY?',
      'SCHEDULE',
    ]),
    ...['ID', 'ACTIVE', 'TITLE', 'TARGET', 'NETWORK_ID', 'ISCANNER_NAME', 'EXCLUDE_IP_PER_SCAN'].map((e) => `<!ELEMENT ${e} (#PCDATA)>`),
    '<!ELEMENT ASSET_GROUP_TITLE_LIST (ASSET_GROUP_TITLE+)>',
    '<!ELEMENT ASSET_GROUP_TITLE (#PCDATA)>',
    '<!ELEMENT USER_ENTERED_IPS (RANGE+)>',
    '<!ELEMENT RANGE (START, END)>',
    '<!ELEMENT START (#PCDATA)>',
    '<!ELEMENT END (#PCDATA)>',
    '<!ELEMENT OPTION_PROFILE (TITLE, DEFAULT_FLAG?)>',
    '<!ELEMENT DEFAULT_FLAG (#PCDATA)>',
    '<!ELEMENT PROCESSING_PRIORITY (#PCDATA)>',
    sequence('SCHEDULE', ['(DAILY|WEEKLY|MONTHLY)', 'START_DATE_UTC', 'START_HOUR', 'START_MINUTE', 'RECURRENCE?', 'END_AFTER?', 'TIME_ZONE', 'DST_SELECTED']),
    '<!ELEMENT DAILY EMPTY>',
    '<!ATTLIST DAILY frequency_days CDATA #REQUIRED>',
    '<!ELEMENT WEEKLY EMPTY>',
    '<!ATTLIST WEEKLY frequency_weeks CDATA #REQUIRED weekdays CDATA #REQUIRED>',
    '<!ELEMENT MONTHLY EMPTY>',
    '<!ATTLIST MONTHLY frequency_months CDATA #REQUIRED day_of_month CDATA #IMPLIED day_of_week CDATA #IMPLIED week_of_month CDATA #IMPLIED>',
    ...['START_DATE_UTC', 'START_HOUR', 'START_MINUTE', 'RECURRENCE', 'END_AFTER'].map((e) => `<!ELEMENT ${e} (#PCDATA)>`),
    '<!ELEMENT TIME_ZONE (TIME_ZONE_CODE, TIME_ZONE_DETAILS)>',
    '<!ELEMENT TIME_ZONE_CODE (#PCDATA)>',
    '<!ELEMENT TIME_ZONE_DETAILS (#PCDATA)>',
    '<!ELEMENT DST_SELECTED (#PCDATA)>',
  ]);
}
