import type { HostRow } from './host.js';
import type { HostListExtras } from './host-list-params.js';
import { CHUNK } from './host-pages.js';
import { type HostRisk, risksOf, showsRisk } from './host-risk.js';
import type { HostStore } from './host-store.js';

/** Hosts read by ID for a host list, with their risks when it shows or filters on them. */
export interface ListedHosts {
  rows: HostRow[];
  risks?: Map<number, HostRisk>;
}

/** Whether a host read is listed, given its risk when read. */
type Keep = (h: HostRow, risk: HostRisk | undefined) => boolean;

/**
 * Reads a host list's hosts: `read` gives at most `n` hosts after an ID, by ID, as SQL filters them.
 * With the filters SQL cannot apply (a score bound, as the scores are derived, not stored; tags,
 * kept as JSON), hosts are read a chunk at a time until `n` are kept or none are left, so a page
 * still holds `n` hosts and pages on from the ID of its last [E].
 */
export function hostListReader(store: HostStore, read: (after: number, n: number) => HostRow[], extras: HostListExtras) {
  const { bounds, tags } = extras;
  const risks = showsRisk(extras.risk) || bounds ? (rows: readonly HostRow[]) => risksOf(store, rows) : undefined;
  const keeps: Keep[] = [];
  if (bounds) keeps.push((_, risk) => risk!.score >= bounds.min && risk!.score <= bounds.max);
  if (tags) keeps.push((h) => tags(h));
  return (after: number, n: number): ListedHosts => {
    if (keeps.length === 0) {
      const rows = read(after, n);
      return { rows, risks: risks?.(rows) };
    }
    const found: Required<ListedHosts> = { rows: [], risks: new Map() };
    for (let last = after; ; ) {
      const rows = read(last, CHUNK);
      const chunkRisks = risks?.(rows);
      for (const h of rows) {
        const risk = chunkRisks?.get(h.id);
        if (found.rows.length < n && keeps.every((keep) => keep(h, risk))) {
          found.rows.push(h);
          if (risk) found.risks.set(h.id, risk);
        }
      }
      if (found.rows.length >= n || rows.length < CHUNK) return found;
      last = rows[rows.length - 1].id;
    }
  };
}

/** Whether a list keeps only some of the hosts SQL reads. */
export const filtersRead = (extras: HostListExtras) => extras.bounds !== undefined || extras.tags !== undefined;
