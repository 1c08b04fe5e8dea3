import type { FamilySeed } from '../api-family.js';
import type { IntervalSet } from '../qualys/interval-set.js';
import { RequestParams } from '../qualys/params.js';

/**
 * A seed section whose entries are the parameters of an `action=add` of IPs (the subscription's,
 * the excluded ones). [E] An entry has no ID: the seed answers how many addresses each names.
 */
export function ipAddSeed(field: string, answer: string, add: (params: RequestParams, user: string, now: string) => IntervalSet): FamilySeed {
  return {
    field,
    answer,
    create(entry, user, now) {
      const params = new RequestParams(entry.params().map(([k, v]) => (k === 'action' ? ['action', 'add'] : [k, v])));
      return add(params, user, now).reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
    },
  };
}
