import type { ActionContext, Endpoint } from '../qualys/endpoint.js';
import { idSetElement, requestElement } from '../qualys/envelopes.js';
import { idSetOf } from '../qualys/id-set.js';
import { el, elOf, leaf } from '../qualys/xml.js';
import { LIST_FILTER_PARAMS, nextPageUrl, readListFilter } from './list-filter.js';
import { warning } from './list-output.js';
import type { RecordService } from './record-service.js';
import type { RecordType } from './record-type.js';

const GENERIC_LIST_PATH = '/api/2.0/fo/auth/';
const DTD_PATH = '/api/2.0/fo/auth/auth_list_output.dtd';

/**
 * [Q] /api/2.0/fo/auth/?action=list (docs/fidelity.md §6): the IDs of every record, one
 * AUTH_<TYPE>_RECORDS ID_SET per type that has matching records, in declaration order. [E] paged
 * like the per-type lists: at most `pageSize` IDs, then a 1980 WARNING with the next page's URL.
 */
export function genericListEndpoint(types: readonly RecordType[], service: RecordService, options: { readonly pageSize: number }): Endpoint {
  function handle(ctx: ActionContext): { xml: Buffer } {
    // Read at each call: the page size can change at run time.
    const { pageSize } = options;
    const { records, nextId } = service.listAllTypes(readListFilter(ctx.params), pageSize);
    const groups = types
      .map((t) => ({ type: t, ids: records.filter((r) => r.type === t.name).map((r) => r.id) }))
      .filter((g) => g.ids.length > 0);
    const body = groups.length > 0 && elOf('AUTH_RECORDS', groups.map((g) => el(g.type.genericListElement, idSetElement(idSetOf(g.ids)))));
    return {
      xml: ctx.render({
        dtdPath: DTD_PATH,
        root: el(
          'AUTH_LIST_OUTPUT',
          requestElement(ctx.echo),
          el('RESPONSE', leaf('DATETIME', ctx.datetime), body, warning({ nextUrl: nextPageUrl(ctx, nextId), pageSize })),
        ),
      }),
    };
  }
  return {
    path: GENERIC_LIST_PATH,
    actions: { list: { methods: ['GET', 'POST'], allowed: ['action', 'echo_request', ...LIST_FILTER_PARAMS], handle } },
  };
}
