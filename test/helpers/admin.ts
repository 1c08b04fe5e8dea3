import { request } from 'node:http';
import { expect } from 'vitest';
import type { EmulatorHandle } from '../../src/index.js';
import { AUTH } from './emulator.js';
import type { JsonResponse } from './json-response.js';
import type { JournalEntry } from '../../src/controls/journal.js';
import type { Faults } from '../../src/controls/faults.js';
import type { runtimeSettingsJson } from '../../src/settings/runtime.js';
import type { RecordsView } from '../../src/auth-records/records-view.js';
import type { RateState } from '../../src/http/rate-limit.js';
import type { ToolRun } from '../../src/controls/tool-runs.js';
import type { AccountStates } from '../../src/controls/account-states.js';

/** Any control's answer: each answer has some of these fields, typed as the emulator writes them. */
export type AdminAnswer = {
  error: string;
  /** A refused seed: the failing record and its Qualys CODE and TEXT. */
  index?: number;
  code?: string;
  text?: string;
  reset: boolean;
  ids: number[];
  requests: JournalEntry[];
  generation: number;
  deleted: number;
  /** The dashboard's reads. */
  counts: RateState[];
  runs: ToolRun[];
} & ReturnType<Faults['json']> &
  ReturnType<typeof runtimeSettingsJson> &
  ReturnType<RecordsView['types']> &
  ReturnType<RecordsView['list']> &
  ReturnType<RecordsView['xml']> &
  ReturnType<AccountStates['json']>;

/**
 * Calls a `/_emulator/` control with JSON, as a harness would; every answer must be JSON. A
 * body-less call carries X-Requested-With, as the controls refuse what another site could send.
 */
export async function admin(
  emulator: Pick<EmulatorHandle, 'url'>,
  method: string,
  path: string,
  body?: unknown,
  auth: string | null = AUTH,
): Promise<JsonResponse<AdminAnswer>> {
  const headers: Record<string, string> = { 'X-Requested-With': 'vitest' };
  if (auth !== null) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${emulator.url}/_emulator/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, headers: res.headers, json: await res.json() };
}

/** Response header names in the order the server wrote them (fetch's Headers sorts them). */
export function rawHeaderOrder(emulator: Pick<EmulatorHandle, 'url'>, path: string, headers: Record<string, string>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = request(`${emulator.url}${path}`, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.rawHeaders.filter((_, i) => i % 2 === 0)));
    });
    req.on('error', reject);
    req.end();
  });
}
