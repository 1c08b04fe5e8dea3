import type { DashboardRequest, FamilyDashboard } from '../api-family.js';
import { dispatch, type Endpoint } from '../qualys/endpoint.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import { formatIpSet } from '../qualys/ip-set.js';
import { RequestParams } from '../qualys/params.js';
import { MASK, type SecretParams } from '../qualys/secrets.js';
import { renderXml, type XmlDocumentSpec } from '../qualys/xml.js';
import { genericListOrder } from './generic-list.js';
import { readListFilter } from './list-filter.js';
import type { RecordService } from './record-service.js';
import type { AuthRecord, RecordType } from './record-type.js';

export interface RecordsViewDeps {
  types: readonly RecordType[];
  service: RecordService;
  /** Record type name to its endpoint. */
  endpoints: ReadonlyMap<string, Endpoint>;
  /** Read at each call: the page size can change at run time. */
  pageSize(): number;
  secrets: SecretParams;
}

/** The filters `GET /_emulator/records/<type>` takes: the list's own `title`, `id_min` and `id_max`. */
const FILTERS = ['title', 'id_min', 'id_max'];

/** One record as the dashboard shows it: IPs as the list's ranges, secrets as the echo masks them. */
function recordJson(type: RecordType, r: AuthRecord) {
  const fields = Object.fromEntries(
    type.fields.filter((f) => r.fields[f.param] !== undefined).map((f) => [f.param, f.kind === 'secret' ? MASK : r.fields[f.param]]),
  );
  return {
    id: r.id,
    title: r.title,
    ips: formatIpSet(r.ips).map((e) => e.value),
    // as the list shows it: 0 for a record given no network; null for a type that takes none
    network_id: type.networkId === false ? null : (r.networkId ?? 0),
    comments: r.comments ?? null,
    created: { datetime: r.createdAt, by: r.createdBy },
    last_modified: { datetime: r.modifiedAt, by: r.modifiedBy ?? null },
    fields,
  };
}

/**
 * The records as the dashboard reads them (`/_emulator/records`): JSON, not journaled, and
 * driven by the declared types, so a new type appears without a change here.
 */
export class RecordsView {
  constructor(private readonly deps: RecordsViewDeps) {}

  /** Every declared type with its record count and fields, in the generic list's order. */
  types() {
    const counts = this.deps.service.countByType();
    return {
      page_size: this.deps.pageSize(),
      types: genericListOrder(this.deps.types).map((t) => ({
        name: t.name,
        path: t.path,
        count: counts.get(t.name) ?? 0,
        fields: t.fields.map((f) => ({ param: f.param, element: f.element ?? null, kind: f.kind ?? 'text' })),
      })),
    };
  }

  /** One page of a type's records, filtered as the API's list filters them; `next_id` starts the next page. */
  list(request: DashboardRequest) {
    const type = this.type(request);
    const q = request.query(FILTERS);
    const entries = FILTERS.flatMap((name) => {
      const v = q[name];
      return v === undefined ? [] : [[name, Array.isArray(v) ? v[v.length - 1] : v] as [string, string]];
    });
    const pageSize = this.deps.pageSize();
    const { records, nextId } = this.deps.service.list(type, readListFilter(new RequestParams(entries)), pageSize);
    return { type: type.name, page_size: pageSize, records: records.map((r) => recordJson(type, r)), next_id: nextId ?? null };
  }

  /**
   * The exact XML `GET <path>?action=list&ids=<id>` answers, through the API's own dispatch and
   * serialiser; only DATETIME differs from one call to the next.
   */
  xml(request: DashboardRequest) {
    const type = this.type(request);
    const { id } = request.params;
    if (!/^[1-9]\d{0,9}$/.test(id)) request.refuse(400, 'the record ID must be a whole number above 0');
    const path = `${type.path}?action=list&ids=${id}`;
    const params = new RequestParams([
      ['action', 'list'],
      ['ids', id],
    ]);
    const render = (doc: XmlDocumentSpec) => renderXml(doc, request.baseUrl);
    const call = {
      user: request.user,
      baseUrl: request.baseUrl,
      secure: request.secure,
      method: 'GET' as const,
      params,
      path: type.path,
      datetime: qualysDateTime(),
      render,
    };
    const { xml } = dispatch(this.deps.endpoints.get(type.name)!, call, this.deps.secrets);
    return { request: path, xml: xml.toString('utf8') };
  }

  /** `records`, `records/:type` and `records/:type/:id/xml`. */
  dashboard(): FamilyDashboard {
    return {
      ui: 'records.js',
      routes: [
        { path: 'records', answer: () => this.types() },
        { path: 'records/:type', answer: (request) => this.list(request) },
        { path: 'records/:type/:id/xml', answer: (request) => this.xml(request) },
      ],
    };
  }

  private type(request: DashboardRequest): RecordType {
    const name = request.params.type;
    const type = this.deps.types.find((t) => t.name === name);
    if (!type) request.refuse(404, `No record type ${JSON.stringify(name)}; the types are: ${this.deps.types.map((t) => t.name).join(', ')}`);
    return type;
  }
}
