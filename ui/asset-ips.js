// @ts-check
import { h, table } from './dom.js';

/**
 * @typedef {{ network_id: number, lo: number, ips: string, tracking_method: string, enable_vm: string,
 *   enable_pc: string, enable_sca: string, enable_certview: string, owner: string | null,
 *   ud1: string | null, ud2: string | null, ud3: string | null, comment: string | null }} IpRun
 */

/**
 * The subscription's IPs (/api/2.0/fo/asset/ip/) as stored: runs of addresses sharing every
 * attribute, the first page of them.
 * @param {{ total: number, runs: IpRun[] }} answer
 */
export function ipTable({ total, runs }) {
  if (runs.length === 0) return h('p', {}, 'The subscription holds no IP: POST action=add to /api/2.0/fo/asset/ip/.');
  const modules = (/** @type {IpRun} */ r) =>
    [r.enable_vm === '1' && 'VM', r.enable_pc === '1' && 'PC', r.enable_sca === '1' && 'SCA', r.enable_certview === '1' && 'CertView']
      .filter(Boolean)
      .join(', ');
  return table(
    `The subscription's IPs: ${runs.length} of ${total} run(s) of addresses sharing their attributes`,
    ['Network', 'IPs', 'Tracking', 'Modules', 'Owner', 'ud1', 'ud2', 'ud3', 'Comment'],
    runs.map((r) => [
      String(r.network_id),
      r.ips,
      r.tracking_method,
      modules(r),
      r.owner ?? '',
      r.ud1 ?? '',
      r.ud2 ?? '',
      r.ud3 ?? '',
      h('span', { class: 'prose' }, r.comment ?? ''),
    ]),
  );
}
