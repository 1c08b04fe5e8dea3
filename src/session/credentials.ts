import { createHash, timingSafeEqual } from 'node:crypto';
import type { User } from '../settings/config.js';

/** Finds the login a login and password belong to, or undefined. */
export type CredentialCheck = (login: string, password: string) => string | undefined;

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Checks credentials against the configured users, in constant time. */
export function credentialCheck(users: readonly User[]): CredentialCheck {
  const known = users.map((u) => ({ login: u.login, hash: digest(`${u.login}:${u.password}`) }));
  return (login, password) => {
    const hash = digest(`${login}:${password}`);
    return known.find((k) => timingSafeEqual(k.hash, hash))?.login;
  };
}
