import { DETECTION_STATUSES, DETECTION_TYPES } from './host.js';
import type { DetectionFilter } from './host-filter.js';

/**
 * A detection's class: its TYPE, STATUS, IS_IGNORED and IS_DISABLED as one number from 0 to 47,
 * what the filters connectors send (status, include_vuln_type, show_igs, include_ignored,
 * include_disabled) choose detections by. Each host's DETECTION elements are stored joined with
 * the class of each (migrations/0015), in views, so a list filtering by classes alone takes a
 * host's elements of a view whole, or cuts out those of the classes it leaves out, without reading
 * them one by one.
 */

/** [E] type * 16 + status * 4 + ignored * 2 + disabled; the store's SQL writes the same. */
const detectionClass = (type: number, status: number, ignored: boolean, disabled: boolean) => type * 16 + status * 4 + (ignored ? 2 : 0) + (disabled ? 1 : 0);

const CLASSES = 48;

/** The classes a filter keeps: `mask` has bit N set for class N, `keeps` is 1 at index N. */
export interface ClassFilter {
  mask: bigint;
  keeps: Uint8Array;
}

/** What a filter may hold for its classes alone to decide. */
const BY_CLASS: ReadonlySet<string> = new Set(['types', 'statuses', 'includeIgnored', 'includeDisabled']);

/**
 * The classes `filter` keeps; undefined when it also looks at other columns (QIDs, severities,
 * dates, QDS: any filter but those of a class, even one added after this was written).
 */
export function classFilter(filter: DetectionFilter): ClassFilter | undefined {
  if (Object.entries(filter).some(([key, value]) => value !== undefined && !BY_CLASS.has(key))) return undefined;
  const keeps = new Uint8Array(CLASSES);
  let mask = 0n;
  for (const type of filter.types)
    for (const status of filter.statuses)
      for (const ignored of filter.includeIgnored ? [false, true] : [false])
        for (const disabled of filter.includeDisabled ? [false, true] : [false]) {
          const c = detectionClass(DETECTION_TYPES.indexOf(type as never), DETECTION_STATUSES.indexOf(status as never), ignored, disabled);
          keeps[c] = 1;
          mask |= 1n << BigInt(c);
        }
  return { mask, keeps };
}

/** A set of a host's detections stored joined: those whose class is in `mask`. */
export interface JoinedView {
  id: number;
  mask: bigint;
}

const ALL: JoinedView = { id: 0, mask: (1n << BigInt(CLASSES)) - 1n };
/**
 * [Q: DC Sample 11, the docs] what the detection list shows without filters: Confirmed and Potential, not
 * Fixed, neither ignored nor disabled (detection-params.ts reads the same defaults); what connectors
 * ask for most, so the third of the elements it leaves out is not read for it.
 */
const DEFAULTS: JoinedView = {
  id: 1,
  mask: classFilter({ types: ['Confirmed', 'Potential'], statuses: ['New', 'Active', 'Re-Opened'], includeIgnored: false, includeDisabled: false })!.mask,
};
/** The views each host's detections are joined in. */
export const JOINED_VIEWS = [ALL, DEFAULTS] as const;

/**
 * The version of the joined rows (HostStore.rejoin): raise it with any change to what they hold
 * (the views, the classes, the parts' layout), and a database holding rows of another version has
 * every host's joined again at start-up (stored-detections.ts).
 */
export const JOINED_FORMS_VERSION = 1;

/** The smallest view holding every class of `mask`. */
export const viewOf = (mask: bigint): JoinedView => ((mask & ~DEFAULTS.mask) === 0n ? DEFAULTS : ALL);

/** Bytes a detection takes in `parts`: its class, then its element's length. */
const PART = 5;

/**
 * The elements of `xml` (joined by newlines, described by `parts`) whose class `keeps` holds, as
 * runs of consecutive elements, each run a view of `xml` without a newline after it: `[xml]`
 * when it keeps them all.
 */
export function keptRuns(xml: Buffer, parts: Buffer, keeps: Uint8Array): Buffer[] {
  const runs: Buffer[] = [];
  let start = -1;
  let at = 0;
  for (let p = 0; p < parts.length; p += PART) {
    if (keeps[parts[p]] === 1) {
      if (start < 0) start = at;
    } else if (start >= 0) {
      runs.push(xml.subarray(start, at - 1));
      start = -1;
    }
    at += parts.readUInt32BE(p + 1) + 1;
  }
  if (start >= 0) runs.push(start === 0 ? xml : xml.subarray(start));
  return runs;
}
