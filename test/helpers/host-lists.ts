import { expect } from 'vitest';
import type { EmulatorHandle } from '../../src/index.js';
import { all, call, type Node, type XmlResponse } from './emulator.js';

/** The host list's path at API version `v`. */
export const hostList = (v: string) => `/api/${v}/fo/asset/host/`;
/** The host detection list's path at API version `v`. */
export const detections = (v: string) => `/api/${v}/fo/asset/host/vm/detection/`;
/** The HOSTs of either list's answer. */
export const hostsOf = (root: Node) => all(root, 'RESPONSE/HOST_LIST', 'HOST');

/**
 * `action=list` with `params` (a client's own call may name the action itself) in the query, or
 * as a form for a POST; fails the test unless answered 200.
 */
export async function listed(emulator: Pick<EmulatorHandle, 'url'>, path: string, params: Record<string, string>, method = 'GET'): Promise<XmlResponse> {
  const sent = { action: 'list', ...params };
  const res = await call(emulator, path, method === 'POST' ? { form: sent } : { query: sent });
  expect(res.status, res.body).toBe(200);
  return res;
}
