import { qualysErrors, type QualysError } from '../qualys/errors.js';
import { JsonError } from '../http/json-errors.js';
import type { AccountGate } from '../http/auth.js';
import { objectOf } from './json-input.js';

/**
 * The states a configured user's Qualys account can be in, for a test to see how its client
 * handles each (docs/controls.md, "Account states"). `active` serves every call.
 */
export const ACCOUNT_STATES = ['active', 'expired', 'locked', 'not_activated', 'password_change'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/**
 * What Qualys answers a call from an account in each state, its credentials accepted
 * (docs/fidelity.md §2): [Q recorded] expired; [Q code and TEXT] locked, which Qualys does by
 * deactivating the account, and an account whose registration (first login, EULA, new password)
 * is not done; [E] a password to change counts as that registration.
 */
const REFUSALS: Readonly<Record<Exclude<AccountState, 'active'>, () => QualysError>> = {
  expired: qualysErrors.accountExpired,
  locked: qualysErrors.accountInactive,
  not_activated: qualysErrors.registrationIncomplete,
  password_change: qualysErrors.registrationIncomplete,
};

export interface AccountJson {
  login: string;
  state: AccountState;
}

/**
 * Each configured user's account state: runtime state of the harness, not of the database, so it
 * lives here, is set through the admin API, the handle and the dashboard, and a reset makes every
 * account active again, as it clears the fault rules.
 */
export class AccountStates implements AccountGate {
  private readonly states = new Map<string, AccountState>();

  constructor(private readonly logins: readonly string[]) {}

  refusal(login: string): QualysError | undefined {
    const state = this.states.get(login);
    return state === undefined ? undefined : REFUSALS[state as Exclude<AccountState, 'active'>]();
  }

  /** Every configured user, in configuration order, with its state. */
  json(): { accounts: AccountJson[] } {
    return { accounts: this.logins.map((login) => ({ login, state: this.states.get(login) ?? 'active' })) };
  }

  /** `{"state": ...}` for a configured login; checked whole before anything changes. Answers every account. */
  set(login: string, body: unknown): { accounts: AccountJson[] } {
    if (!this.logins.includes(login)) throw new JsonError(404, `No configured user ${JSON.stringify(login)}; the users are: ${this.logins.join(', ')}`);
    const { state } = objectOf(body, 'the body', ['state']);
    if (!ACCOUNT_STATES.includes(state as AccountState)) throw new JsonError(400, `state must be one of: ${ACCOUNT_STATES.join(', ')}`);
    if (state === 'active') this.states.delete(login);
    else this.states.set(login, state as AccountState);
    return this.json();
  }

  reset(): void {
    this.states.clear();
  }
}
