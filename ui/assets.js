// @ts-check
import { api } from './api.js';
import { every, h } from './dom.js';
import { networkTable } from './networks.js';
import { ipTable } from './asset-ips.js';
import { excludedTables } from './excluded-ips.js';

export const title = 'Assets';

/**
 * The subscription's assets: its networks, its IPs and its excluded IPs, each as its family's
 * dashboard read answers it.
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
    const now = JSON.stringify([networks, ips, excluded]);
    if (now === shown) return;
    shown = now;
    results.replaceChildren(networkTable(networks), ipTable(ips), excludedTables(excluded));
  }, 3000);
}
