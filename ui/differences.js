// @ts-check
import { api } from './api.js';
import { confirm, every, h, say, table } from './dom.js';

export const title = 'Differences';

/**
 * @typedef {{ status: number, root: string | null, doctype: string | null, code: string | null }} Side
 * @typedef {{ time: string, method: string, path: string, action: string | null, upstream: Side, emulator: Side,
 *   paths_missing: string[], paths_extra: string[], order: string[], text: { upstream: string | null, emulator: string | null } | null }} Difference
 */

/** A list of paths, one a line; none as a dash. @param {string[]} paths */
const pathList = (paths) =>
  paths.length === 0
    ? '–'
    : h(
        'ul',
        { class: 'paths' },
        paths.map((p) => h('li', {}, h('code', {}, p))),
      );

/** What differs of status, root, DOCTYPE and CODE, as "upstream → emulator". @param {Difference} d */
function envelope(d) {
  const keys = /** @type {(keyof Side)[]} */ (['status', 'root', 'doctype', 'code']);
  const differing = keys.filter((k) => d.upstream[k] !== d.emulator[k]);
  if (differing.length === 0) return '–';
  return h(
    'ul',
    { class: 'paths' },
    differing.map((k) => h('li', {}, `${k}: ${d.upstream[k] ?? '(none)'} → ${d.emulator[k] ?? '(none)'}`)),
  );
}

/** @param {Difference} d */
const texts = (d) => (d.text === null ? '–' : h('span', {}, `upstream: ${d.text.upstream ?? '(none)'}`, h('br'), `emulator: ${d.text.emulator ?? '(none)'}`));

/**
 * What compare mode found (`GET /_emulator/conformance`), newest first, polled every two seconds.
 * @param {HTMLElement} main
 */
export function render(main) {
  const summary = h('p', {});
  const results = h('div', { class: 'results', role: 'region', 'aria-label': 'Differences table', tabindex: 0 });
  const clear = h('button', { type: 'button', class: 'danger', onclick: () => void clearReport() }, 'Clear the report…');
  main.append(h('h2', {}, 'Differences'), summary, clear, results);
  let shown = '';
  async function clearReport() {
    if (!(await confirm('Clear the report?', 'The count of calls compared and every difference listed are deleted.', 'Clear'))) return;
    const { deleted } = await api.delete('conformance');
    say(`Cleared ${deleted} difference(s).`);
    shown = '';
  }
  return every(async () => {
    const { calls, differences } = /** @type {{ calls: number, differences: Difference[] }} */ (await api.get('conformance'));
    const now = JSON.stringify([calls, differences]);
    if (now === shown) return;
    shown = now;
    summary.textContent =
      calls === 0
        ? 'No call compared yet. Start the emulator with --upstream URL --mode compare and send it your client’s calls (docs/conformance.md).'
        : `${calls} call(s) compared, ${differences.length} with a difference listed (the last 1,000 are kept).`;
    clear.toggleAttribute('disabled', calls === 0);
    results.replaceChildren(
      differences.length > 0
        ? table(
            'Calls whose answers differed in structure, newest first',
            ['Time', 'Call', 'Status, root, DOCTYPE, CODE (upstream → emulator)', 'Only upstream', 'Only the emulator', 'Another order', 'TEXT'],
            [...differences]
              .reverse()
              .map((d) => [
                h('span', { class: 'nowrap' }, d.time),
                h('span', {}, h('code', {}, `${d.method} ${d.path}`), d.action === null ? '' : ` action=${d.action}`),
                envelope(d),
                pathList(d.paths_missing),
                pathList(d.paths_extra),
                pathList(d.order),
                texts(d),
              ]),
          )
        : h('p', {}, calls === 0 ? '' : 'No difference found.'),
    );
  }, 2000);
}
