import { qualysErrors } from '../qualys/errors.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { IntervalSet } from '../qualys/interval-set.js';
import type { RequestParams } from '../qualys/params.js';
import { COMMENTS_MAX, TITLE_MAX, type RecordType } from './record-type.js';

/** The validated values of a create (or, later, update) request; absent means not given. */
export interface RecordInput {
  title?: string;
  comments?: string;
  networkId?: number;
  fields: Record<string, string>;
  ips?: IntervalSet;
}

export interface InputRules {
  /** Network IDs configured besides 0 (the networks feature); empty when it is off. */
  networks: readonly number[];
}

/** [Q] 0 is always valid; others only when the networks feature has that ID. */
function parseNetworkId(value: string, rules: InputRules): number {
  if (!/^\d+$/.test(value)) throw qualysErrors.invalidValue('network_id', value, 'not a non-negative integer');
  const id = Number(value);
  if (id !== 0 && !rules.networks.includes(id)) {
    throw qualysErrors.invalidValue('network_id', value, rules.networks.length === 0 ? 'the networks feature is not enabled' : 'no such network');
  }
  return id;
}

/** Reads and validates every record value the request carries (1905 on the first bad one). */
export function readRecordInput(type: RecordType, params: RequestParams, rules: InputRules): RecordInput {
  const fields: Record<string, string> = {};
  for (const field of type.fields) {
    const value = params.text(field.param, field.maxLength);
    if (value !== undefined) fields[field.param] = value;
  }
  const ips = params.get('ips');
  const networkId = params.get('network_id');
  return {
    title: params.text('title', TITLE_MAX),
    comments: params.text('comments', COMMENTS_MAX),
    fields,
    ips: ips === undefined ? undefined : parseIpSet('ips', ips),
    networkId: networkId === undefined ? undefined : parseNetworkId(networkId, rules),
  };
}
