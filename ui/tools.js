// @ts-check
import { api } from './api.js';
import { every, h, table } from './dom.js';

export const title = 'Tools';

/** @param {Record<string, number> | null} s */
const summary = (s) =>
  s === null
    ? ''
    : Object.entries(s)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');

/**
 * The last runs of each tool: when, by whom, how it ended, what it counted and the command.
 * @param {HTMLElement} main
 */
export function render(main) {
  const results = h('div', { class: 'results' });
  main.append(h('h2', {}, 'Tools'), results);
  let shown = '';
  return every(async () => {
    const { runs } = await api.get('tool-runs');
    const now = JSON.stringify(runs);
    if (now === shown) return;
    shown = now;
    results.replaceChildren(
      runs.length > 0
        ? table(
            `The last ${runs.length} run(s), newest first`,
            ['Tool', 'Time', 'User', 'Return code', 'Timed out', 'Seconds', 'Summary', 'Command'],
            runs.map((/** @type {any} */ r) => [
              r.tool,
              r.timestamp,
              r.user,
              r.return_code,
              r.timed_out ? 'yes' : 'no',
              r.execution_time,
              summary(r.summary) || r.report_error || '',
              h('code', {}, r.command),
            ]),
          )
        : h('p', {}, 'No tool has run yet: POST /api/tools/kube-bench or /api/tools/docker-bench-security.'),
    );
  }, 3000);
}
