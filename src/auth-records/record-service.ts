import { qualysErrors } from '../qualys/errors.js';
import { formatIpRange } from '../qualys/ip-set.js';
import type { IntervalSet } from '../qualys/interval-set.js';
import type { RecordInput } from './record-input.js';
import type { AuthRecord, RecordType } from './record-type.js';
import type { ListFilter, RecordStore } from './store.js';

/**
 * The rules records obey whatever their type: unique titles, IPs held by one record of a type.
 * Each write runs in one transaction, so a refused request changes nothing and two concurrent
 * requests cannot both pass a check.
 */
export class RecordService {
  constructor(private readonly store: RecordStore) {}

  create(type: RecordType, input: RecordInput & { title: string; ips: IntervalSet }, user: string, now: string): number {
    return this.store.transaction(() => {
      this.checkTitleFree(type, input.title);
      this.checkIpsFree(type, input.ips);
      return this.store.insert({
        type: type.name,
        title: input.title,
        comments: input.comments,
        networkId: input.networkId,
        fields: input.fields,
        ips: input.ips,
        createdAt: now,
        createdBy: user,
        modifiedAt: now,
      });
    });
  }

  list(type: RecordType, filter: ListFilter, limit: number): { records: AuthRecord[]; nextId?: number } {
    return this.store.list(type.name, filter, limit);
  }

  private checkTitleFree(type: RecordType, title: string, exceptId?: number): void {
    const holder = this.store.idByTitle(type.name, title);
    if (holder !== undefined && holder !== exceptId) throw qualysErrors.titleInUse(title, holder);
  }

  private checkIpsFree(type: RecordType, ips: IntervalSet, exceptId?: number): void {
    const overlaps = this.store.ipOverlaps(type.name, ips, exceptId);
    if (overlaps.length > 0) {
      throw qualysErrors.ipsInUse(overlaps.map((o) => ({ ips: formatIpRange(o.range).value, title: o.title })));
    }
  }
}
