// @ts-check
import { api } from './api.js';
import { dialog, every, field, h, report, table } from './dom.js';
import { vaultTable } from './vaults.js';

export const title = 'Records';

/** The tab of the vaults, after the record types'. */
const VAULTS = 'vaults';

/**
 * @typedef {{ param: string, element: string | null, kind: string }} Field
 * @typedef {{ name: string, path: string, count: number, fields: Field[] }} RecordType
 * @typedef {{ id: number, title: string, ips: string[], network_id: number | null, comments: string | null,
 *   created: { datetime: string, by: string }, last_modified: { datetime: string, by: string | null },
 *   fields: Record<string, string> }} ListedRecord
 */

/** Kept on one line: a range or a time broken at its hyphen reads as two values. @param {string} text */
const unbroken = (text) => h('span', { class: 'nowrap' }, text);

/** @param {{ datetime: string, by: string | null }} when */
const stamp = (when) => [unbroken(when.datetime), when.by ? ` by ${when.by}` : ''];

/** @param {string} type @param {ListedRecord} r */
async function showXml(type, r) {
  const { request, xml } = await api.get(`records/${encodeURIComponent(type)}/${r.id}/xml`);
  await dialog(
    `Record ${r.id}: ${r.title}`,
    [h('p', {}, 'What ', h('code', {}, `GET ${request}`), ' answers:'), h('pre', { class: 'body', tabindex: 0 }, xml)],
    [{ label: 'Close', value: 'close' }],
  );
}

/**
 * A tab per record type that has records, with its count; the chosen type's records a page at
 * a time (the API's page size), filtered by title and ID range as the API's list filters them.
 * @param {HTMLElement} main
 */
export function render(main) {
  /** @type {string | undefined} */
  let chosen;
  /** The first ID of each page shown before the current one, for "Previous page". */
  /** @type {string[]} */
  let earlier = [];
  let pageStart = '';
  let shown = '';
  const tabs = h('nav', { 'aria-label': 'Record types', class: 'tabs' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter records' },
      field('Title contains', { name: 'title', type: 'search' }),
      field('ID from', { name: 'id_min', type: 'number', min: 1, inputmode: 'numeric' }),
      field('ID to', { name: 'id_max', type: 'number', min: 1, inputmode: 'numeric' }),
      h('button', { type: 'submit' }, 'Filter'),
      h('button', { type: 'reset' }, 'Clear'),
    )
  );
  // The table is wider than the window for most types: its box scrolls, from the keyboard too,
  // and keeps the ID column in view.
  const results = h('div', { class: 'results records-table', role: 'region', 'aria-label': 'Records table', tabindex: 0 });
  const pager = h('div', { class: 'pager' });
  main.append(h('h2', {}, 'Records'), tabs, form, results, pager);

  const query = () => {
    const data = new FormData(form);
    const q = new URLSearchParams();
    for (const name of ['title', 'id_min', 'id_max']) {
      const v = String(data.get(name) ?? '').trim();
      if (v !== '') q.set(name, v);
    }
    // A later page starts past the filter's own lower bound.
    if (pageStart !== '' && Number(pageStart) > Number(q.get('id_min') ?? 0)) q.set('id_min', pageStart);
    return q;
  };

  const refresh = async () => {
    const { types } = /** @type {{ types: RecordType[] }} */ (await api.get('records'));
    const { vaults } = await api.get('vaults');
    const present = types.filter((t) => t.count > 0);
    const tabList = [...present.map((t) => ({ name: t.name, count: t.count })), ...(vaults.length > 0 ? [{ name: VAULTS, count: vaults.length }] : [])];
    if (!tabList.some((t) => t.name === chosen)) {
      chosen = tabList[0]?.name;
      earlier = [];
      pageStart = '';
    }
    const type = present.find((t) => t.name === chosen);
    const page = type && (await api.get(`records/${encodeURIComponent(type.name)}?${query()}`));
    // Redrawn only when something changed, so polling never takes the keyboard focus away.
    const now = JSON.stringify([tabList, page, chosen === VAULTS && [vaults, String(query())]]);
    if (now === shown) return;
    shown = now;
    const focused = document.activeElement?.id;
    tabs.replaceChildren(
      ...tabList.map((t) =>
        h(
          'button',
          { type: 'button', id: `tab-${t.name}`, 'aria-pressed': t.name === chosen ? 'true' : 'false', onclick: () => choose(t.name) },
          `${t.name} (${t.count})`,
        ),
      ),
    );
    if (chosen === VAULTS) {
      results.replaceChildren(vaultTable(vaults, query(), stamp));
      pager.replaceChildren();
      return;
    }
    if (!type) {
      results.replaceChildren(h('p', {}, 'No records yet: create some through the API, or seed from a file.'));
      pager.replaceChildren();
      return;
    }
    const columns = ['ID', 'Title', 'IPs', 'Network', 'Created', 'Last modified', ...type.fields.map((f) => f.param), 'Comments'];
    const rows = /** @type {ListedRecord[]} */ (page.records).map((r) => [
      h(
        'button',
        { type: 'button', class: 'link', 'aria-label': `Record ${r.id}: show its XML`, onclick: () => showXml(type.name, r).catch(report) },
        String(r.id),
      ),
      h('span', { class: 'prose' }, r.title),
      r.ips.flatMap((ip, i) => (i === 0 ? [unbroken(ip)] : [', ', unbroken(ip)])),
      r.network_id ?? '',
      stamp(r.created),
      stamp(r.last_modified),
      ...type.fields.map((f) => r.fields[f.param] ?? ''),
      h('span', { class: 'prose' }, r.comments ?? ''),
    ]);
    results.replaceChildren(
      rows.length > 0 ? table(`${type.name} records (${type.path}), ${page.page_size} a page`, columns, rows) : h('p', {}, 'No record matches the filter.'),
    );
    pager.replaceChildren(
      h('button', { type: 'button', id: 'previous-page', disabled: earlier.length === 0, onclick: () => turn(earlier.pop() ?? '') }, 'Previous page'),
      h(
        'button',
        {
          type: 'button',
          id: 'next-page',
          disabled: page.next_id === null,
          onclick: () => {
            earlier.push(pageStart);
            turn(String(page.next_id));
          },
        },
        'Next page',
      ),
    );
    if (focused) document.getElementById(focused)?.focus();
  };

  const stop = every(refresh, 2000);
  /** @param {string} name */
  const choose = (name) => {
    chosen = name;
    earlier = [];
    turn('');
  };
  /** @param {string} start */
  const turn = (start) => {
    pageStart = start;
    refresh().catch(report);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    earlier = [];
    turn('');
  });
  form.addEventListener('reset', () => setTimeout(() => choose(chosen ?? ''), 0));
  return stop;
}
