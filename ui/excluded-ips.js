// @ts-check
import { h, table } from './dom.js';

/**
 * @typedef {{ network_id: number, ips: string, expires: string | null, expired: boolean }} ExcludedRun
 * @typedef {{ id: number, network_id: number, action: string, ips: string, datetime: string, user: string, comment: string }} Change
 */

/**
 * The excluded IPs (/api/2.0/fo/asset/excluded_ip/) with their expiry, and their latest changes.
 * @param {{ total: number, runs: ExcludedRun[], history: Change[] }} answer
 */
export function excludedTables({ total, runs, history }) {
  return h(
    'section',
    {},
    runs.length === 0
      ? h('p', {}, 'No IP is excluded: POST action=add to /api/2.0/fo/asset/excluded_ip/.')
      : table(
          `Excluded IPs: ${runs.length} of ${total} run(s)`,
          ['Network', 'IPs', 'Expires'],
          runs.map((r) => [String(r.network_id), r.ips, r.expires === null ? 'never' : `${r.expires}${r.expired ? ' (expired)' : ''}`]),
        ),
    history.length > 0 &&
      table(
        'Excluded IP changes, newest first (/api/2.0/fo/asset/excluded_ip/history/)',
        ['ID', 'Action', 'Network', 'IPs', 'Time', 'User', 'Comment'],
        history.map((c) => [String(c.id), c.action, String(c.network_id), c.ips, c.datetime, c.user, h('span', { class: 'prose' }, c.comment)]),
      ),
  );
}
