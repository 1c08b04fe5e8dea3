// @ts-check
import { api } from './api.js';
import { every, h } from './dom.js';
import { networkTable } from './networks.js';
import { ipTable } from './asset-ips.js';
import { excludedTables } from './excluded-ips.js';
import { applianceTable } from './appliances.js';
import { profileTable } from './option-profiles.js';
import { groupTable } from './asset-groups.js';

export const title = 'Assets';

/**
 * The subscription's assets: its networks, its IPs and its excluded IPs, and what scans name, its
 * scanner appliances, option profiles and asset groups, each as its family's dashboard read
 * answers it.
 * @param {HTMLElement} main
 */
export function render(main) {
  const results = h('div', { class: 'results' });
  main.append(h('h2', {}, 'Assets'), results);
  let shown = '';
  return every(async () => {
    const networks = await api.get('networks');
    const ips = await api.get('asset-ips');
    const excluded = await api.get('excluded-ips');
    const appliances = await api.get('appliances');
    const profiles = await api.get('option-profiles');
    const groups = await api.get('asset-groups');
    const now = JSON.stringify([networks, ips, excluded, appliances, profiles, groups]);
    if (now === shown) return;
    shown = now;
    results.replaceChildren(
      networkTable(networks),
      ipTable(ips),
      excludedTables(excluded),
      applianceTable(appliances),
      profileTable(profiles),
      groupTable(groups),
    );
  }, 3000);
}
