import type { FamilyDashboard } from '../api-family.js';
import { MAX_ID } from '../qualys/id-set.js';
import { groupIpTexts, type GroupService } from './group-service.js';

/**
 * The asset groups as the dashboard reads them (`/_emulator/asset-groups`): JSON, the first
 * `pageSize()` by ID (a subscription may hold 100,000 of them).
 */
export function groupsDashboard(service: GroupService, pageSize: () => number): FamilyDashboard {
  const list = () => ({
    groups: service.list({ ids: [[1, MAX_ID]] }, pageSize()).groups.map((g) => ({
      id: g.id,
      title: g.title,
      network_id: g.networkId,
      owner: g.owner,
      ips: groupIpTexts(g),
      appliance_ids: g.applianceIds,
      default_appliance_id: g.defaultApplianceId ?? null,
      domains: g.domains.map((d) => (d.netblock === '' ? d.name : `${d.name}:[${d.netblock}]`)),
      dns_names: g.dnsNames,
      netbios_names: g.netbiosNames,
      business_impact: g.fields.business_impact ?? null,
      comments: g.fields.comments ?? null,
      last_update: g.lastUpdate,
    })),
  });
  return { ui: 'asset-groups.js', routes: [{ path: 'asset-groups', answer: list }] };
}
