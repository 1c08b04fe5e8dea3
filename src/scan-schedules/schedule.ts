import type { LaunchInput } from '../scans/scan-launch.js';

/**
 * What a scheduled scan is: a launch's definition and when it recurs. [Q] the recurrences Qualys
 * offers (daily, weekly on some weekdays, monthly on a day of the month or a weekday of a week).
 */
export type Recurrence =
  | { kind: 'DAILY'; every: number }
  | { kind: 'WEEKLY'; every: number; weekdays: string[] }
  | { kind: 'MONTHLY'; every: number; dayOfMonth?: number; dayOfWeek?: number; weekOfMonth?: string };

export interface ScheduleTiming {
  recurrence: Recurrence;
  /** `YYYY-MM-DDThh:mm:ssZ`: the first run's date and time in UTC. */
  startUtc: string;
  startHour: number;
  startMinute: number;
  timeZoneCode: string;
  observeDst: boolean;
  /** [Q] run this many times, then stop; undefined: no end. */
  recurrenceCount?: number;
  /** [Q] hours after which a run is ended; undefined: none. */
  endAfterHours?: number;
}

export interface ScanSchedule {
  id: number;
  active: boolean;
  userLogin: string;
  launch: LaunchInput;
  timing: ScheduleTiming;
}

/** [Q sample: US-CA; E the others and their offsets] the time zones whose details and UTC offset the emulator knows. */
export const TIME_ZONES: Readonly<Record<string, { details: string; offsetMinutes: number }>> = {
  'US-CA': { details: '(GMT-0800) United States: America/Los_Angeles', offsetMinutes: -480 },
  'US-NY': { details: '(GMT-0500) United States: America/New_York', offsetMinutes: -300 },
  'US-IL': { details: '(GMT-0600) United States: America/Chicago', offsetMinutes: -360 },
  GB: { details: '(GMT+0000) United Kingdom: Europe/London', offsetMinutes: 0 },
  DE: { details: '(GMT+0100) Germany: Europe/Berlin', offsetMinutes: 60 },
  FR: { details: '(GMT+0100) France: Europe/Paris', offsetMinutes: 60 },
  BG: { details: '(GMT+0200) Bulgaria: Europe/Sofia', offsetMinutes: 120 },
  IN: { details: '(GMT+0530) India: Asia/Kolkata', offsetMinutes: 330 },
  JP: { details: '(GMT+0900) Japan: Asia/Tokyo', offsetMinutes: 540 },
  AU: { details: '(GMT+1000) Australia: Australia/Sydney', offsetMinutes: 600 },
};
