// @ts-check
import { api } from './api.js';
import { every, h, report, say, table } from './dom.js';

export const title = 'Scans';

/**
 * A button that posts a scan control (`scans/step`, `scans/force`) for one scan, then redraws.
 * @param {string} label
 * @param {string} path
 * @param {Record<string, unknown>} body
 * @param {() => void} redraw
 */
function control(label, path, body, redraw) {
  return h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        try {
          const { scan } = await api.post(path, body);
          say(`${scan.ref} is now ${scan.state}${scan.processed ? ', processed' : ''}.`);
          redraw();
        } catch (err) {
          report(err);
        }
      },
    },
    label,
  );
}

/** @param {any} scan */
const authText = (scan) =>
  scan.auth.map((/** @type {any} */ host) => `${host.ip}: ${host.technologies.map((/** @type {any} */ t) => `${t.type} ${t.status}`).join(', ')}`).join('; ');

/**
 * The latest scans as `/_emulator/scans` answers them, newest first: state, sub-state, processing,
 * how their hosts authenticate, and buttons for the harness's steps (docs/controls.md, "Scans");
 * then the scheduled scans.
 * @param {HTMLElement} main
 */
export function render(main) {
  const results = h('div', { class: 'results' });
  main.append(h('h2', {}, 'Scans'), results);
  let shown = '';
  const draw = async () => {
    const { scans } = await api.get('scans');
    const { schedules } = await api.get('scan-schedules');
    const now = JSON.stringify([scans, schedules]);
    if (now === shown) return;
    shown = now;
    const redraw = () => void draw().catch(report);
    results.replaceChildren(
      scans.length > 0
        ? table(
            `The last ${scans.length} scan(s), newest first`,
            ['Reference', 'Kind', 'Title', 'Launched', 'State', 'Processed', 'Sub-state', 'Duration', 'Target', 'Authentication', 'Harness'],
            scans.map((/** @type {any} */ s) => [
              h('code', {}, s.ref),
              s.kind,
              h('span', { class: 'prose' }, s.title),
              s.launched,
              s.state,
              s.processed ? 'yes' : 'no',
              s.sub_state ?? '',
              s.duration,
              s.target.join(', '),
              authText(s),
              h(
                'span',
                {},
                control('Step', 'scans/step', { ref: s.ref }, redraw),
                control('Error', 'scans/force', { ref: s.ref, state: 'Error' }, redraw),
                control('Cancel', 'scans/force', { ref: s.ref, state: 'Canceled' }, redraw),
              ),
            ]),
          )
        : h('p', {}, 'No scan yet: launch one with POST /api/2.0/fo/scan/?action=launch, or seed some.'),
      schedules.length > 0
        ? table(
            `Scheduled scans (/api/2.0/fo/schedule/scan/): the first ${schedules.length}, stored definitions that never launch`,
            ['ID', 'Title', 'Active', 'Recurrence', 'Start (UTC)', 'Time zone', 'Option profile', 'Owner'],
            schedules.map((/** @type {any} */ s) => [
              String(s.id),
              h('span', { class: 'prose' }, s.title),
              s.active ? 'yes' : 'no',
              `${s.recurrence.kind.toLowerCase()} every ${s.recurrence.every}`,
              s.start,
              s.time_zone,
              s.option_profile,
              s.user_login,
            ]),
          )
        : h('p', {}, 'No scheduled scan: create one with POST /api/2.0/fo/schedule/scan/?action=create.'),
    );
  };
  return every(draw, 3000);
}
