// @ts-check
import { h, table } from './dom.js';

/**
 * The first page of asset groups, by ID, as `/_emulator/asset-groups` answers them: their IP
 * entries as given, their appliances, default appliance and business impact.
 * @param {{ groups: any[] }} read
 */
export function groupTable({ groups }) {
  if (groups.length === 0) return h('p', {}, 'No asset group: add some through the API, or seed some.');
  return table(
    `Asset groups (/api/2.0/fo/asset/group/): the first ${groups.length}`,
    ['ID', 'Title', 'Network', 'IPs', 'Appliances', 'Default appliance', 'Domains', 'Business impact', 'Owner', 'Last update'],
    groups.map((g) => [
      String(g.id),
      h('span', { class: 'prose' }, g.title),
      String(g.network_id),
      g.ips.join(', '),
      g.appliance_ids.join(', '),
      g.default_appliance_id === null ? '' : String(g.default_appliance_id),
      g.domains.join(', '),
      g.business_impact ?? '',
      g.owner,
      g.last_update,
    ]),
  );
}
