// @ts-check
import { h, table } from './dom.js';

/**
 * @typedef {{ datetime: string, by: string | null }} Stamp
 * @typedef {{ id: number, name: string, created: Stamp | null, last_modified: Stamp | null }} ListedNetwork
 */

/**
 * The networks (/api/2.0/fo/network/), the Global Default Network first; those `--networks`
 * configures have no dates until an update renames them.
 * @param {{ enabled: boolean, networks: ListedNetwork[] }} answer
 */
export function networkTable({ enabled, networks }) {
  const stamp = (/** @type {Stamp | null} */ s) => (s === null ? '' : `${s.datetime}${s.by ? ` by ${s.by}` : ''}`);
  return h(
    'section',
    {},
    h('p', {}, enabled ? 'The networks feature is on: network_id may name these networks.' : 'The networks feature is off: network_id may only be 0.'),
    table(
      'Networks (/api/2.0/fo/network/)',
      ['ID', 'Name', 'Created', 'Last modified'],
      networks.map((n) => [String(n.id), h('span', { class: 'prose' }, n.name), stamp(n.created), stamp(n.last_modified)]),
    ),
  );
}
