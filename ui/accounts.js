// @ts-check
import { api } from './api.js';
import { h, report, say, table } from './dom.js';

/** The states of /_emulator/accounts, with what Qualys answers each (docs/controls.md, "Account states"). */
const STATES = [
  ['active', 'active: served'],
  ['expired', 'expired: 200, CODE 2001'],
  ['locked', 'locked: 200, CODE 2002'],
  ['not_activated', 'not activated: 409, CODE 2003'],
  ['password_change', 'must change password: 409, CODE 2003'],
];

/**
 * Each configured user's account state, with a choice that applies at once (PUT /_emulator/accounts/LOGIN).
 * @param {HTMLElement} section
 * @returns {() => Promise<void>} redraws it
 */
export function accountStates(section) {
  const draw = async () => {
    /** @type {{ accounts: { login: string, state: string }[] }} */
    const { accounts } = await api.get('accounts');
    section.replaceChildren(
      table(
        'What a Qualys call of each user is answered (its credentials accepted)',
        ['User', 'Account state'],
        accounts.map((a) => [
          a.login,
          h(
            'select',
            {
              'aria-label': `Account state of ${a.login}`,
              onchange: (/** @type {Event} */ e) => {
                const state = /** @type {HTMLSelectElement} */ (e.target).value;
                api
                  .put(`accounts/${encodeURIComponent(a.login)}`, { state })
                  .then(() => say(`Account ${a.login}: ${state}.`))
                  .catch(report)
                  .finally(() => draw().catch(report));
              },
            },
            STATES.map(([value, label]) => h('option', { value, selected: value === a.state }, label)),
          ),
        ]),
      ),
    );
  };
  return draw;
}
