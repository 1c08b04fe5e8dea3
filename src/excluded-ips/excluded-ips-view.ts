import type { FamilyDashboard } from '../api-family.js';
import { formatIpRange, formatIpSet } from '../qualys/ip-set.js';
import type { ExcludedIpService } from './excluded-ip-service.js';

/**
 * [E] The excluded IPs as the dashboard reads them (`/_emulator/excluded-ips`): the first
 * `pageSize()` runs as stored (expired ones too, marked), how many there are, and the latest
 * `pageSize()` changes.
 */
export function excludedIpsDashboard(service: ExcludedIpService, pageSize: () => number, now: () => string): FamilyDashboard {
  const answer = () => {
    const at = now();
    return {
      total: service.count(),
      runs: service.runs({ networkId: -1, lo: -1 }, pageSize()).map((r) => ({
        network_id: r.networkId,
        ips: formatIpRange([r.lo, r.hi]).value,
        expires: r.expiresAt,
        expired: r.expiresAt !== null && r.expiresAt <= at,
      })),
      history: service
        .history({})
        .slice(0, pageSize())
        .map((e) => ({
          id: e.id,
          network_id: e.networkId,
          action: e.action,
          ips: formatIpSet(e.ips)
            .map((x) => x.value)
            .join(','),
          datetime: e.datetime,
          user: e.user,
          comment: e.comment,
        })),
    };
  };
  return { ui: 'excluded-ips.js', routes: [{ path: 'excluded-ips', answer }] };
}
