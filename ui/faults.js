// @ts-check
import { api } from './api.js';
import { every, field, h, report, say, table } from './dom.js';
import { accountStates } from './accounts.js';

export const title = 'Faults and limits';

const RULE_KEYS = ['path', 'action', 'method', 'status', 'code', 'text', 'wait_sec', 'delay_ms', 'drop', 'probability', 'after', 'times'];
const NUMBERS = ['status', 'wait_sec', 'delay_ms', 'probability', 'after', 'times'];
/** The table's columns: the emulator's ID for each rule, then its fields. */
const COLUMNS = ['id', ...RULE_KEYS];

/** A rule from the form: empty fields are left out, numbers sent as numbers. @param {FormData} data */
function ruleOf(data) {
  /** @type {Record<string, unknown>} */
  const rule = {};
  for (const key of RULE_KEYS) {
    const v = String(data.get(key) ?? '').trim();
    if (key === 'drop') {
      if (v === 'on') rule.drop = true;
    } else if (v !== '') rule[key] = NUMBERS.includes(key) ? Number(v) : v;
  }
  return rule;
}

/**
 * Runs `act` and says how it went; resolves to whether it succeeded.
 * @param {string} what @param {() => Promise<unknown>} act
 */
async function attempt(what, act) {
  try {
    await act();
    say(`${what}: done.`);
    return true;
  } catch (err) {
    say(`${what} failed: ${/** @type {Error} */ (err).message}`, true);
    return false;
  }
}

/**
 * Fault rules (list, add, remove one, clear), the runtime settings of /_emulator/config, each user's
 * account state, and each user's rate-limit counts.
 * @param {HTMLElement} main
 */
export function render(main) {
  const rules = h('div', { class: 'results' });
  const counts = h('div', { class: 'results' });
  const ruleForm = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'filters', 'aria-labelledby': 'add-rule' },
      h('h3', { id: 'add-rule' }, 'Add a rule'),
      field('Path', { name: 'path', placeholder: '/api/2.0/fo/auth/unix/' }),
      field('Action', { name: 'action', placeholder: 'list' }),
      h(
        'label',
        {},
        h('span', {}, 'Method'),
        h(
          'select',
          { name: 'method' },
          ['', 'GET', 'POST'].map((m) => h('option', { value: m }, m || 'any')),
        ),
      ),
      field('Status', { name: 'status', type: 'number', min: 200, max: 599 }),
      field('CODE', { name: 'code', size: 6 }),
      field('TEXT', { name: 'text' }),
      field('Wait (s, CODE 1965)', { name: 'wait_sec', type: 'number', min: 1 }),
      field('Delay (ms)', { name: 'delay_ms', type: 'number', min: 0 }),
      field('Probability', { name: 'probability', type: 'number', min: 0, max: 1, step: 'any' }),
      field('After (calls let through)', { name: 'after', type: 'number', min: 0 }),
      field('Times', { name: 'times', type: 'number', min: 1 }),
      h('label', { class: 'check' }, h('input', { name: 'drop', type: 'checkbox' }), h('span', {}, 'Drop the connection')),
      h('button', { type: 'submit' }, 'Add rule'),
    )
  );
  const settingsForm = /** @type {HTMLFormElement} */ (h('form', { class: 'filters', 'aria-labelledby': 'settings' }));
  const accounts = h('div', { class: 'results' });
  main.append(
    h('h2', {}, 'Faults and limits'),
    h('section', { 'aria-labelledby': 'rules-heading' }, h('h3', { id: 'rules-heading' }, 'Fault rules'), rules, ruleForm),
    h('section', { 'aria-labelledby': 'settings' }, h('h3', { id: 'settings' }, 'Runtime settings'), settingsForm),
    h('section', { 'aria-labelledby': 'accounts-heading' }, h('h3', { id: 'accounts-heading' }, 'Account states'), accounts),
    h('section', { 'aria-labelledby': 'counts-heading' }, h('h3', { id: 'counts-heading' }, 'Rate-limit counts'), counts),
  );

  /** @type {{ seed: number, rules: Record<string, unknown>[] }} */
  let faults = { seed: 0, rules: [] };
  let shown = '';
  const refresh = async () => {
    faults = await api.get('faults');
    const limits = await api.get('rate-limits');
    const now = JSON.stringify([faults, limits.counts]);
    if (now === shown) return;
    shown = now;
    rules.replaceChildren(
      faults.rules.length > 0
        ? table(
            `${faults.rules.length} rule(s), first match wins; seed ${faults.seed}`,
            [...COLUMNS, 'remove'],
            faults.rules.map((r) => [
              ...COLUMNS.map((k) => (r[k] === undefined ? '' : String(r[k]))),
              h(
                'button',
                {
                  type: 'button',
                  'aria-label': `Remove rule ${r.id}`,
                  onclick: () =>
                    attempt(`Removing rule ${r.id}`, () => api.delete(`faults/${r.id}`))
                      .then(refresh)
                      .catch(report),
                },
                'Remove',
              ),
            ]),
          )
        : h('p', {}, 'No fault rule: every call is answered normally.'),
      ...(faults.rules.length === 0
        ? []
        : [
            h(
              'button',
              {
                type: 'button',
                class: 'danger',
                onclick: () =>
                  attempt('Clearing the rules', () => api.delete('faults'))
                    .then(refresh)
                    .catch(report),
              },
              'Clear every rule',
            ),
          ]),
    );
    counts.replaceChildren(
      limits.counts.length > 0
        ? table(
            `Per user and endpoint, in the ${limits.rate_limit.window_sec} s window (limit ${limits.rate_limit.limit}, ${limits.rate_limit.concurrency} at once)`,
            ['User', 'Endpoint', 'Calls in window', 'Running', 'Remaining', 'Oldest leaves in (s)'],
            limits.counts.map((/** @type {any} */ c) => [c.user, c.endpoint, c.calls_in_window, c.running, c.remaining, c.oldest_leaves_in_sec ?? '']),
          )
        : h('p', {}, 'No call counted yet.'),
    );
  };

  const drawSettings = async () => {
    const c = await api.get('config');
    settingsForm.replaceChildren(
      h('label', { class: 'check' }, h('input', { name: 'enforce', type: 'checkbox', checked: c.rate_limit.enforce }), h('span', {}, 'Enforce rate limits')),
      field('Calls per window', { name: 'limit', type: 'number', min: 1, value: c.rate_limit.limit }),
      field('Window (s)', { name: 'window_sec', type: 'number', min: 1, value: c.rate_limit.window_sec }),
      field('Concurrent calls', { name: 'concurrency', type: 'number', min: 1, value: c.rate_limit.concurrency }),
      h(
        'label',
        { class: 'check' },
        h('input', { name: 'require_x_requested_with', type: 'checkbox', checked: c.require_x_requested_with }),
        h('span', {}, 'Require X-Requested-With'),
      ),
      h(
        'label',
        { class: 'check' },
        h('input', { name: 'require_host_record', type: 'checkbox', checked: c.require_host_record }),
        h('span', {}, 'Require host records (Unix or Windows)'),
      ),
      field('Page size', { name: 'page_size', type: 'number', min: 1, value: c.page_size }),
      h('button', { type: 'submit' }, 'Apply settings'),
    );
  };

  ruleForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const rule = ruleOf(new FormData(ruleForm));
    attempt('Adding the rule', () => api.post('faults', { rules: [rule] }))
      .then((added) => {
        // a refused rule stays in the form, to be corrected
        if (added) ruleForm.reset();
        return refresh();
      })
      .catch(report);
  });
  settingsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const d = new FormData(settingsForm);
    const body = {
      rate_limit: {
        enforce: d.has('enforce'),
        limit: Number(d.get('limit')),
        window_sec: Number(d.get('window_sec')),
        concurrency: Number(d.get('concurrency')),
      },
      require_x_requested_with: d.has('require_x_requested_with'),
      require_host_record: d.has('require_host_record'),
      page_size: Number(d.get('page_size')),
    };
    attempt('Applying the settings', () => api.patch('config', body))
      .then(drawSettings)
      .catch(report);
  });
  drawSettings().catch(report);
  accountStates(accounts)().catch(report);
  return every(refresh, 2000);
}
