import type { ActionContext, Endpoint } from '../qualys/endpoint.js';
import { idSetElement, requestElement } from '../qualys/envelopes.js';
import { idSetOf } from '../qualys/id-set.js';
import { dtdText, ID_SET_DTD, REQUEST_DTD, WARNING_DTD } from '../qualys/dtd-text.js';
import { el, elOf, leaf } from '../qualys/xml.js';
import { LIST_FILTER_PARAMS, nextPageUrl, readListFilter } from './list-filter.js';
import { warning } from './list-output.js';
import type { RecordService } from './record-service.js';
import type { RecordType } from './record-type.js';

/** [Q] the DTD Qualys's XML reference names for the generic list (docs/fidelity.md §6). */
export const GENERIC_LIST_DTD = '/api/2.0/fo/auth/auth_records.dtd';

/**
 * The generic list's order of types. [Q] the documentation's sample lists Unix, Windows, Oracle
 * first; [E] then the list page's order of types (list_record_types.htm), then the newer types
 * in the order their pages appeared. Every declared type has its place here: a type missing
 * from it is refused at start-up (and by a test), so the order never depends on declaration order.
 */
export const GENERIC_LIST_ORDER: readonly string[] = [
  'unix',
  'windows',
  'oracle',
  'docker',
  'http',
  'ibm_db2',
  'informixdb',
  'kubernetes',
  'mariadb',
  'mongodb',
  'datastax',
  'ms_sql',
  'mysql',
  'neo4j',
  'nginx',
  'oracle_listener',
  'oracle_weblogic',
  'palo_alto_firewall',
  'postgresql',
  'sap_hana',
  'sapiq',
  'snmp',
  'sybase',
  'network_ssh',
  'vmware',
  'apache',
  'ms_iis',
  'ibm_websphere',
  'tomcat',
  'cassandra',
  'nsx',
  'ms_exchange',
  'jboss',
  'vcenter',
];

/** The types in the generic list's order; throws for a type that has no place in it. */
export function genericListOrder(types: readonly RecordType[]): RecordType[] {
  const rank = (t: RecordType) => {
    const i = GENERIC_LIST_ORDER.indexOf(t.name);
    if (i < 0) throw new Error(`record type ${t.name} has no place in GENERIC_LIST_ORDER (src/auth-records/generic-list.ts)`);
    return i;
  };
  return [...types].sort((a, b) => rank(a) - rank(b));
}

/**
 * [Q] the element grouping one type's IDs: `AUTH_<TYPE>_IDS` (docs/fidelity.md §6), the name a
 * client written against the live service cuts `_IDS` off to find the type's endpoint.
 */
const groupElement = (type: RecordType) => `${type.list.recordElement}_IDS`;

/** [E] the generic list's DTD, written from the types, in the list's order. */
export function genericListDtd(types: readonly RecordType[]): string {
  const ordered = genericListOrder(types);
  return dtdText(
    'AUTH_RECORDS_OUTPUT: /api/2.0/fo/auth/?action=list (Qualys API v2): record IDs grouped by type. [Q] its layout, [E] written from the record types.',
    [
      '<!ELEMENT AUTH_RECORDS_OUTPUT (REQUEST?, RESPONSE)>',
      ...REQUEST_DTD,
      '<!ELEMENT RESPONSE (DATETIME, AUTH_RECORDS?, WARNING?)>',
      `<!ELEMENT AUTH_RECORDS (${ordered.map((t) => `${groupElement(t)}?`).join(', ')})>`,
      ...ordered.map((t) => `<!ELEMENT ${groupElement(t)} (ID_SET)>`),
      ...ID_SET_DTD,
      ...WARNING_DTD,
    ],
  );
}

/**
 * [Q] /api/2.0/fo/auth/?action=list (docs/fidelity.md §6): AUTH_RECORDS_OUTPUT, the IDs of every
 * record, one AUTH_<TYPE>_IDS ID_SET per type that has matching records (consecutive IDs as one
 * ID_RANGE), in the fixed order above. [E] paged like the per-type lists: at most `pageSize` IDs,
 * then a 1980 WARNING with the next page's URL.
 */
export function genericListEndpoint(types: readonly RecordType[], service: RecordService, options: { readonly pageSize: number }): Endpoint {
  const ordered = genericListOrder(types);
  function handle(ctx: ActionContext): { xml: Buffer } {
    // Read at each call: the page size can change at run time.
    const { pageSize } = options;
    const { records, nextId } = service.listAllTypes(readListFilter(ctx.params), pageSize);
    const groups = ordered.map((t) => ({ type: t, ids: records.filter((r) => r.type === t.name).map((r) => r.id) })).filter((g) => g.ids.length > 0);
    const body =
      groups.length > 0 &&
      elOf(
        'AUTH_RECORDS',
        groups.map((g) => el(groupElement(g.type), idSetElement(idSetOf(g.ids)))),
      );
    return {
      xml: ctx.render({
        dtdPath: GENERIC_LIST_DTD,
        root: el(
          'AUTH_RECORDS_OUTPUT',
          requestElement(ctx.echo),
          el('RESPONSE', leaf('DATETIME', ctx.datetime), body, warning({ nextUrl: nextPageUrl(ctx, nextId), pageSize })),
        ),
      }),
    };
  }
  return {
    path: '/api/2.0/fo/auth/',
    actions: { list: { methods: ['GET', 'POST'], allowed: ['action', 'echo_request', ...LIST_FILTER_PARAMS], handle } },
  };
}
