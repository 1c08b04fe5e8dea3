// @ts-check
import { api } from './api.js';
import { every, field, h, table } from './dom.js';

export const title = 'KnowledgeBase';

/**
 * @typedef {{ qid: number, severity_level: number, vuln_type: string, title: string, category: string | null,
 *   patchable: boolean, published_datetime: string, last_service_modification_datetime: string | null, cves: string[] }} Entry
 */

/**
 * The KnowledgeBase's entries by QID, as `/_emulator/knowledge-base` answers them, searched by
 * QID or title and by severity on the server (a generated KnowledgeBase holds tens of thousands).
 * @param {HTMLElement} main
 */
export function render(main) {
  const severity = h(
    'select',
    { name: 'severity' },
    h('option', { value: '' }, 'any'),
    ['5', '4', '3', '2', '1'].map((s) => h('option', { value: s }, s)),
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Search the KnowledgeBase' },
      field('QID or title', { name: 'q', type: 'search' }),
      h('label', {}, h('span', {}, 'Severity'), severity),
    )
  );
  const results = h('div', { class: 'results' });
  main.append(h('h2', {}, 'KnowledgeBase'), form, results);
  let shown = '';
  const poll = async () => {
    const data = new FormData(form);
    const query = new URLSearchParams({ q: String(data.get('q') ?? '').trim(), severity: String(data.get('severity') ?? '') });
    /** @type {{ total: number, entries: Entry[] }} */
    const read = await api.get(`knowledge-base?${query}`);
    const now = JSON.stringify(read);
    if (now === shown) return;
    shown = now;
    results.replaceChildren(
      read.entries.length === 0
        ? h('p', {}, read.total === 0 ? 'The KnowledgeBase is empty: seed it (section knowledge_base).' : 'No entry matches.')
        : table(
            `The first ${read.entries.length} matching of ${read.total} entries (/api/2.0/fo/knowledge_base/vuln/), by QID`,
            ['QID', 'Severity', 'Type', 'Title', 'Category', 'Patchable', 'CVEs', 'Published', 'Last modified'],
            read.entries.map((e) => [
              String(e.qid),
              String(e.severity_level),
              e.vuln_type,
              h('span', { class: 'prose' }, e.title),
              e.category ?? '',
              e.patchable ? 'yes' : 'no',
              e.cves.join(', '),
              e.published_datetime,
              e.last_service_modification_datetime ?? '',
            ]),
          ),
    );
  };
  form.addEventListener('input', () => void poll());
  form.addEventListener('submit', (e) => e.preventDefault());
  return every(poll, 3000);
}
