import type { ActionContext } from '../qualys/endpoint.js';
import { MAX_ID, parseId, parseIdSet } from '../qualys/id-set.js';
import { intersect } from '../qualys/interval-set.js';
import type { RequestParams } from '../qualys/params.js';
import { readField } from './record-input.js';
import type { RecordType } from './record-type.js';
import type { ListFilter } from './record-store.js';

/** The list filter parameters every list shares [Q]: `ids`, `id_min`, `id_max`, `title`, `comments`. */
export const LIST_FILTER_PARAMS = ['ids', 'id_min', 'id_max', 'title', 'comments'] as const;

/** A type's own filters, each read as the field it compares; the generic list passes none. */
function fieldFilters(params: RequestParams, type?: RecordType): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const filter of type?.listFilters ?? []) {
    const field = type!.fields.find((f) => f.param === filter.field) ?? filter.read ?? {};
    const value = readField({ ...field, param: filter.param }, params);
    if (value !== undefined) out[filter.field] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function readListFilter(params: RequestParams, type?: RecordType): ListFilter {
  const ids = params.has('ids') ? parseIdSet('ids', params.require('ids')) : [[1, MAX_ID] as const];
  const idMin = params.has('id_min') ? parseId('id_min', params.require('id_min')) : 1;
  const idMax = params.has('id_max') ? parseId('id_max', params.require('id_max')) : MAX_ID;
  return {
    ids: idMin <= idMax ? intersect(ids, [[idMin, idMax]]) : [],
    title: params.get('title') || undefined,
    comments: params.get('comments') || undefined,
    fields: fieldFilters(params, type),
  };
}

/** [Q] the same request with `id_min` set to the next matching ID. */
export function nextPageUrl(ctx: ActionContext, nextId: number | undefined): string | undefined {
  return nextId === undefined ? undefined : `${ctx.baseUrl}${ctx.path}?${ctx.params.with('id_min', String(nextId)).toQueryString()}`;
}
