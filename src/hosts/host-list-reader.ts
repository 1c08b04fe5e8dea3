import type { HostRow } from './host.js';
import type { DetectionFilter, HostFilter } from './host-filter.js';
import type { HostStore } from './host-store.js';

/**
 * [E] The open detections TRURISK_SCORE_FACTORS counts: those the score reads (trurisk.ts
 * `isOpen`), confirmed or potential, not fixed, not ignored, not disabled.
 */
const OPEN: DetectionFilter = {
  types: ['Confirmed', 'Potential'],
  statuses: ['New', 'Active', 'Re-Opened'],
  includeIgnored: false,
  includeDisabled: false,
};

/** Hosts read by ID for a host list; with `counts`, each one's open detections by severity, 1 to 5. */
interface ListedHosts {
  rows: HostRow[];
  counts?: Map<number, number[]>;
}

/**
 * Reads a host list's hosts: at most `n` after an ID, by ID, as SQL filters them (the TruRisk
 * score and tags too), with the counts when `factors` (`show_trurisk_factors`) shows them.
 */
export function hostListReader(store: HostStore, filter: HostFilter, factors: boolean) {
  return (after: number, n: number): ListedHosts => {
    const rows = store.hosts(filter, after, n);
    if (!factors || rows.length === 0) return { rows };
    const counts = new Map<number, number[]>(rows.map((h) => [h.id, [0, 0, 0, 0, 0]]));
    for (const s of store.severities(rows[0].id, rows[rows.length - 1].id, OPEN)) {
      const host = counts.get(s.host_id);
      if (host) host[s.severity - 1] = s.count;
    }
    return { rows, counts };
  };
}
