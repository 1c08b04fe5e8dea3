// @ts-check
import { h, table } from './dom.js';

/**
 * The option profiles, Qualys's own included, as `/_emulator/option-profiles` answers them.
 * @param {{ option_profiles: any[] }} read
 */
export function profileTable({ option_profiles: profiles }) {
  return table(
    'Option profiles (/api/2.0/fo/subscription/option_profile/)',
    ['ID', 'Title', 'Type', 'Default', 'Global', "Qualys's own", 'Owner', 'TCP ports', 'Authentication'],
    profiles.map((p) => [
      String(p.id),
      h('span', { class: 'prose' }, p.title),
      p.type,
      p.default ? 'yes' : '',
      p.global ? 'yes' : '',
      p.system ? 'yes' : '',
      p.owner,
      p.settings.tcpPorts,
      p.settings.authentication.join(', '),
    ]),
  );
}
