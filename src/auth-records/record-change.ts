import { equals, subtract, union } from '../qualys/interval-set.js';
import type { RecordChange } from './record-input.js';
import type { AuthRecord } from './record-type.js';

/**
 * What an update makes of one record: given values replace stored ones, `ips` replaces the IP
 * set, and the edits apply as (stored ∪ add_ips) − remove_ips, so removing an address from
 * inside a range splits it. [E] When one address is both added and removed, the removal wins.
 */
export function applyChange(record: AuthRecord, change: RecordChange): AuthRecord {
  return {
    ...record,
    title: change.title ?? record.title,
    comments: change.comments ?? record.comments,
    networkId: change.networkId ?? record.networkId,
    fields: { ...record.fields, ...change.fields },
    ips: change.ips ?? subtract(union(record.ips, change.addIps ?? []), change.removeIps ?? []),
  };
}

/** Whether two states of a record hold the same values (who and when aside). */
export function sameValues(a: AuthRecord, b: AuthRecord): boolean {
  const keys = new Set([...Object.keys(a.fields), ...Object.keys(b.fields)]);
  return (
    a.title === b.title &&
    a.comments === b.comments &&
    a.networkId === b.networkId &&
    [...keys].every((k) => a.fields[k] === b.fields[k]) &&
    equals(a.ips, b.ips)
  );
}
