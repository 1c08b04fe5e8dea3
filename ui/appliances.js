// @ts-check
import { h, table } from './dom.js';

/**
 * The scanner appliances and the virtual scanner licenses, as `/_emulator/appliances` answers them.
 * @param {{ appliances: any[], licenses: { count: number, used: number } }} read
 */
export function applianceTable({ appliances, licenses }) {
  if (appliances.length === 0) return h('p', {}, 'No scanner appliance: create a virtual one through the API, or seed some.');
  return table(
    `Scanner appliances (/api/2.0/fo/appliance/): ${licenses.used} of ${licenses.count} virtual scanner licenses used`,
    ['ID', 'Name', 'Type', 'Status', 'Network', 'Polling', 'Activation code', 'Tags', 'Comments', 'Updated'],
    appliances.map((a) => [
      String(a.id),
      a.name,
      a.type,
      a.status,
      String(a.network_id),
      `${a.polling_interval} s`,
      a.activation_code ?? '',
      a.tags.join(', '),
      h('span', { class: 'prose' }, a.comments ?? ''),
      a.updated,
    ]),
  );
}
