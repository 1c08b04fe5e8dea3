import type { ApiFamily } from '../api-family.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { RequestParams } from '../qualys/params.js';
import type { ScanLinks } from '../scans/scan-launch.js';
import { scheduleCreator, scheduleEndpoints } from './schedule-endpoint.js';
import { SCHEDULE_LIST_DTD, scheduleListDtd } from './schedule-output.js';
import { ScheduleStore } from './schedule-store.js';

/** A scheduled scan of a seed document: create's parameters (`scan_title`, `active`, `ip`, `frequency_days`...). */
export interface SeedScanSchedule {
  [param: string]: string | number | undefined;
}

/** [Q] Scheduled scans (/api/2.0/fo/schedule/scan/, /api/5.0/fo/schedule/scan/): list, create, update, delete, as stored definitions. */
export const scanSchedulesFamily: ApiFamily<ScanLinks> = {
  name: 'scan-schedules',
  callers: 'authenticated',
  secrets: [],
  dtds: [v2Dtd(SCHEDULE_LIST_DTD, scheduleListDtd)],
  docs: [],
  build({ database, settings, links }) {
    const store = new ScheduleStore(database);
    const create = scheduleCreator(store, links);
    return {
      endpoints: scheduleEndpoints(store, links, () => settings.pageSize),
      seed: { field: 'scan_schedules', answer: 'scan_schedule_ids', create: (entry, user, now) => create(new RequestParams(entry.params()), user, now) },
      dashboard: {
        ui: 'scans.js',
        routes: [
          {
            path: 'scan-schedules',
            answer: () => ({
              schedules: store.list({}, settings.pageSize).map((s) => ({
                id: s.id,
                title: s.definition.launch.title,
                active: s.definition.active,
                user_login: s.userLogin,
                recurrence: s.definition.timing.recurrence,
                start: s.definition.timing.startUtc,
                time_zone: s.definition.timing.timeZoneCode,
                option_profile: s.definition.launch.optionProfile.title,
                params: Object.fromEntries(s.params),
              })),
            }),
          },
        ],
      },
      offers: {},
    };
  },
};
