import type { FamilyDashboard } from '../api-family.js';
import { MAX_ID } from '../qualys/id-set.js';
import { formatAddress } from '../qualys/ip-set.js';
import type { HostRow } from './host.js';
import { readHostFilter, type FilterSources } from './host-params.js';
import { RequestParams } from '../qualys/params.js';
import type { HostStore } from './host-store.js';

/** The dashboard's filters: the API's own, read as the API reads them. */
const FILTERS = ['ids', 'ips', 'os_pattern', 'after'] as const;

const hostJson = (h: HostRow) => ({
  id: h.id,
  ip: formatAddress(h.ip),
  tracking_method: h.tracking_method,
  dns: h.dns,
  netbios: h.netbios,
  os: h.os,
  last_vm_scanned_date: h.last_vm_scanned_date,
  tags: JSON.parse(h.tags) as unknown,
});

/**
 * The hosts as the dashboard reads them (`/_emulator/hosts`, filtered by `ids`, `ips` and
 * `os_pattern`, a page of `pageSize()` after the host ID `after`), and one host's detections
 * whatever their status (`/_emulator/hosts/:id/detections`).
 */
export function hostsDashboard(store: HostStore, sources: FilterSources, pageSize: () => number): FamilyDashboard {
  return {
    ui: 'hosts.js',
    routes: [
      {
        path: 'hosts',
        answer(request) {
          const query = request.query(FILTERS);
          const entries = Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '' && e[0] !== 'after');
          const filter = (() => {
            try {
              return readHostFilter(new RequestParams(entries), sources);
            } catch (err) {
              return request.refuse(400, (err as Error).message);
            }
          })();
          const after = Number(query.after ?? 0);
          if (!Number.isInteger(after) || after < 0 || after > MAX_ID) return request.refuse(400, 'after must be a host ID');
          const hosts = store.hosts(filter, after, pageSize() + 1);
          const more = hosts.length > pageSize();
          return { held: store.count(), hosts: hosts.slice(0, pageSize()).map(hostJson), next_after: more ? hosts[pageSize() - 1].id : null };
        },
      },
      {
        path: 'hosts/:id/detections',
        answer(request) {
          const id = Number(request.params.id);
          if (!Number.isInteger(id) || id < 1 || !store.has(id)) return request.refuse(404, `No such host: ${request.params.id}`);
          return { host_id: id, detections: store.detectionsOf(id) };
        },
      },
    ],
  };
}
