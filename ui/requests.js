// @ts-check
import { api } from './api.js';
import { dialog, every, field, h, report, table } from './dom.js';

export const title = 'Requests';

/**
 * @typedef {{ id: number, time: string, user: string | null, method: string, path: string, action: string | null,
 *   params: Record<string, string>, params_truncated: boolean, status: number | null, code: string | null,
 *   text: string | null, body: string | null, body_truncated: boolean, duration_ms: number }} Entry
 */

/** [E] Entries the page keeps; the journal itself keeps more. */
const SHOWN_MAX = 500;

/** @param {Entry} e */
async function showEntry(e) {
  const params = Object.entries(e.params);
  await dialog(
    `${e.method} ${e.path}`,
    [
      h(
        'dl',
        {},
        [
          ['Time', e.time],
          ['User', e.user ?? '(not authenticated)'],
          ['Status', e.status ?? '(connection dropped)'],
          ['CODE', e.code ?? ''],
          ['TEXT', e.text ?? ''],
          ['Duration', `${e.duration_ms} ms`],
        ].map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
      params.length > 0 ? table('Parameters (secrets masked)', ['Name', 'Value'], params) : h('p', {}, 'No parameters.'),
      e.params_truncated && h('p', { class: 'note' }, 'More parameters, or longer values, were sent than the journal keeps.'),
      h('h3', {}, 'Answer body'),
      e.body === null ? h('p', {}, 'No body was kept.') : h('pre', { class: 'body', tabindex: 0 }, e.body),
      e.body_truncated && h('p', { class: 'note' }, 'The body was longer than the journal keeps.'),
    ],
    [{ label: 'Close', value: 'close' }],
  );
}

/**
 * The request journal, newest first, polled every second for what arrived since; the filters
 * apply to what the page holds.
 * @param {HTMLElement} main
 */
export function render(main) {
  /** @type {Entry[]} */
  let entries = [];
  let lastId = 0;
  /** @type {number | undefined} */
  let generation;
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter requests' },
      field('Path contains', { name: 'path', type: 'search' }),
      field('Action', { name: 'action', type: 'search' }),
      field('Status', { name: 'status', type: 'search', inputmode: 'numeric', size: 4 }),
      field('User', { name: 'user', type: 'search' }),
    )
  );
  const results = h('div', { class: 'results' });
  const clear = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        api
          .delete('requests')
          .then(() => poll())
          .catch(report),
    },
    'Clear the journal',
  );
  main.append(h('h2', {}, 'Requests'), form, results, h('div', { class: 'pager' }, clear));

  const draw = () => {
    const data = new FormData(form);
    const want = (/** @type {string} */ name) =>
      String(data.get(name) ?? '')
        .trim()
        .toLowerCase();
    const [path, action, status, user] = ['path', 'action', 'status', 'user'].map(want);
    const shown = entries.filter(
      (e) =>
        e.path.toLowerCase().includes(path) &&
        (e.action ?? '').toLowerCase().includes(action) &&
        (status === '' || String(e.status) === status) &&
        (e.user ?? '').toLowerCase().includes(user),
    );
    const rows = shown.map((e) => [
      h(
        'button',
        { type: 'button', class: 'link', 'aria-label': `${e.time} ${e.method} ${e.path}: show the request and its answer`, onclick: () => void showEntry(e) },
        e.time,
      ),
      e.user ?? '',
      e.method,
      e.path,
      e.action ?? '',
      e.status ?? 'dropped',
      e.code ?? '',
      `${e.duration_ms} ms`,
    ]);
    const focused =
      document.activeElement instanceof HTMLElement && results.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
    results.replaceChildren(
      rows.length > 0
        ? table(
            `${rows.length} of ${entries.length} request(s), newest first`,
            ['Time', 'User', 'Method', 'Path', 'Action', 'Status', 'CODE', 'Duration'],
            rows,
          )
        : h('p', {}, entries.length > 0 ? 'No request matches the filters.' : 'No API request yet.'),
    );
    if (focused) /** @type {HTMLElement | null} */ (results.querySelector(`[aria-label="${CSS.escape(focused)}"]`))?.focus();
  };

  const poll = async () => {
    const res = await api.get(generation === undefined ? `requests?limit=${SHOWN_MAX}` : `requests?after=${lastId}`);
    if (res.generation !== generation) {
      // The journal was cleared (or this is the first read): start over from what it holds.
      const fresh = generation !== undefined;
      generation = res.generation;
      entries = [];
      lastId = 0;
      if (fresh) return poll();
    }
    /** @type {Entry[]} */
    const added = res.requests;
    if (added.length === 0 && entries.length > 0) return;
    for (const e of added) lastId = Math.max(lastId, e.id);
    entries = [...added, ...entries].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : b.id - a.id)).slice(0, SHOWN_MAX);
    draw();
  };
  form.addEventListener('input', draw);
  form.addEventListener('submit', (e) => e.preventDefault());
  return every(poll, 1000);
}
