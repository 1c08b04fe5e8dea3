import type { DashboardRequest, FamilyDashboard } from '../api-family.js';
import { formatIpRange } from '../qualys/ip-set.js';
import type { AssetIpService } from './asset-ip-service.js';

/**
 * [E] The subscription's IPs as the dashboard reads them (`/_emulator/asset-ips`): the runs as
 * stored, each with its attributes, `pageSize()` at a time after `network_id` and `after` (the
 * last run's first address), and how many there are.
 */
export function assetIpsDashboard(service: AssetIpService, pageSize: () => number): FamilyDashboard {
  const answer = (request: DashboardRequest) => {
    const query = request.query(['network_id', 'after']);
    const number = (name: string) => {
      const value = query[name];
      if (value === undefined) return -1;
      if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return request.refuse(400, `${name} must be a non-negative integer`);
      return Number(value);
    };
    const runs = service.runs({ networkId: number('network_id'), lo: number('after') }, pageSize());
    return {
      total: service.count(),
      runs: runs.map((r) => ({ network_id: r.networkId, lo: r.lo, ips: formatIpRange([r.lo, r.hi]).value, ...r.attributes })),
    };
  };
  return { ui: 'asset-ips.js', routes: [{ path: 'asset-ips', answer }] };
}
