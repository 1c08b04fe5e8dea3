// @ts-check
import { h, table } from './dom.js';

/**
 * @typedef {{ id: number, title: string, type: string, comments: string | null,
 *   created: { datetime: string, by: string }, last_modified: { datetime: string, by: string | null },
 *   settings: Record<string, string>, used_by: { id: number, type: string }[] }} ListedVault
 */

/**
 * The vaults, filtered as the records are (title substring, ID range), with their settings
 * (secrets masked) and the records that name them, which keep a vault from being deleted.
 * @param {ListedVault[]} vaults
 * @param {URLSearchParams} filter
 * @param {(when: { datetime: string, by: string | null }) => unknown} stamp
 */
export function vaultTable(vaults, filter, stamp) {
  const title = (filter.get('title') ?? '').toLowerCase();
  const min = Number(filter.get('id_min') ?? 0);
  const max = Number(filter.get('id_max') ?? Infinity);
  const shown = vaults.filter((v) => v.title.toLowerCase().includes(title) && v.id >= min && v.id <= max);
  if (shown.length === 0) return h('p', {}, 'No vault matches the filter.');
  return table(
    'Vaults (/api/2.0/fo/vault/)',
    ['ID', 'Title', 'Type', 'Created', 'Last modified', 'Settings', 'Used by', 'Comments'],
    shown.map((v) => [
      String(v.id),
      h('span', { class: 'prose' }, v.title),
      v.type,
      stamp(v.created),
      stamp(v.last_modified),
      Object.entries(v.settings).map(([k, value]) => h('div', {}, `${k}: ${value}`)),
      v.used_by.map((r) => `${r.type} ${r.id}`).join(', '),
      h('span', { class: 'prose' }, v.comments ?? ''),
    ]),
  );
}
