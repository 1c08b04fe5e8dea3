import { ipOf } from './seed.js';

/**
 * The largest requests that fit in the default --max-body (1 MiB): sets of about 150,000 ranges
 * or addresses. Each must answer within a second and never stall the server (the event loop
 * serves nobody else while one runs). Bodies keep their commas unencoded, as clients send them.
 */
export interface WorstCase {
  name: string;
  /** Form body, fresh at each call. */
  body: () => string;
  /** Run against the empty database too, or only where records are stored. */
  onEmpty: boolean;
}

const RANGES = 149_999;
/** `3,5,...,299999`: one range per odd ID, none adjacent. */
const oddIds = Array.from({ length: RANGES }, (_, i) => 2 * i + 3).join(',');

let serial = 0;
/** 60,000 addresses two apart, never the same twice across calls, so none merge into a range. */
function separateAddresses(): string {
  const base = 2_000_000 + 200_000 * serial++;
  return Array.from({ length: 60_000 }, (_, i) => ipOf(base + 2 * i)).join(',');
}

export const WORST_CASES: WorstCase[] = [
  { name: `list ids=3,5,...,299999 (${RANGES.toLocaleString('en-US')} ranges)`, body: () => `action=list&ids=${oddIds}`, onEmpty: true },
  { name: 'update ids=3,5,...,299999, comments', body: () => `action=update&ids=${oddIds}&comments=odd-${serial++}`, onEmpty: true },
  { name: 'update add_ips of 60,000 separate addresses (one record)', body: () => `action=update&ids=1&add_ips=${separateAddresses()}`, onEmpty: false },
  { name: 'list the record holding those addresses', body: () => 'action=list&ids=1', onEmpty: false },
  {
    name: 'create, echo_request=1, 150,000 ips= parameters',
    body: () => `action=create&echo_request=1&title=echo-${serial++}&${'ips=&'.repeat(150_000)}ips=${ipOf(1_000_000 + serial)}`,
    onEmpty: true,
  },
  // Last: it empties half the database.
  { name: 'delete ids=3,5,...,299999', body: () => `action=delete&ids=${oddIds}`, onEmpty: true },
];

/** The generic list over the same ranges: same body, other endpoint. */
export const GENERIC_WORST = { name: `generic list ids=3,5,...,299999`, body: () => `action=list&ids=${oddIds}` };
