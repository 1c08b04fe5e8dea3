// @ts-check
import { api } from './api.js';
import { field, h, report, table } from './dom.js';

export const title = 'Hosts';

/**
 * The hosts as `/_emulator/hosts` answers them, filtered as the host list filters (`ids`, `ips`,
 * `os_pattern`), a page at a time; a host's detections, whatever their status, below.
 * @param {HTMLElement} main
 */
export function render(main) {
  const results = h('div', { class: 'results' });
  const detections = h('div', { class: 'results' });
  const ids = field('Host IDs', { name: 'ids', placeholder: '1-100' });
  const ips = field('IPs', { name: 'ips', placeholder: '10.0.0.0/24' });
  const os = field('OS pattern', { name: 'os_pattern', placeholder: '^Windows' });
  const form = h('form', { class: 'filters' }, ids, ips, os, h('button', { type: 'submit' }, 'Filter'));
  /** @param {number} after */
  async function show(after) {
    const query = new URLSearchParams();
    for (const input of form.querySelectorAll('input')) if (input.value !== '') query.set(input.name, input.value);
    if (after > 0) query.set('after', String(after));
    try {
      const read = await api.get(`hosts?${query}`);
      const rows = read.hosts.map((/** @type {any} */ host) => [
        h('button', { type: 'button', class: 'link', onclick: () => showDetections(host.id) }, String(host.id)),
        host.ip,
        host.tracking_method,
        host.dns ?? '',
        host.netbios ?? '',
        host.os ?? '',
        host.last_vm_scanned_date ?? '',
      ]);
      results.replaceChildren(
        read.hosts.length === 0
          ? h('p', {}, 'No host: seed some (the hosts section), or generate some (POST /_emulator/hosts/generate).')
          : table(
              `Hosts: ${read.hosts.length} shown; ${read.held.hosts} held, with ${read.held.detections} detections`,
              ['ID', 'IP', 'Tracking', 'DNS', 'NetBIOS', 'OS', 'Last VM scan'],
              rows,
            ),
        read.next_after === null ? '' : h('button', { type: 'button', onclick: () => show(read.next_after) }, 'Next page'),
      );
    } catch (err) {
      report(err);
    }
  }
  /** @param {number} id */
  async function showDetections(id) {
    try {
      const read = await api.get(`hosts/${id}/detections`);
      detections.replaceChildren(
        table(
          `Detections of host ${id}: ${read.detections.length}`,
          ['Unique ID', 'QID', 'Type', 'Severity', 'Port', 'Status', 'Last found', 'Ignored'],
          read.detections.map((/** @type {any} */ d) => [
            String(d.unique_vuln_id),
            String(d.qid),
            d.type,
            String(d.severity),
            d.port === null ? '' : `${d.port}/${d.protocol}`,
            d.status,
            d.last_found_datetime,
            d.is_ignored ? 'yes' : 'no',
          ]),
        ),
      );
    } catch (err) {
      report(err);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(0);
  });
  main.append(h('h2', {}, 'Hosts'), form, results, detections);
  void show(0);
  return () => {};
}
