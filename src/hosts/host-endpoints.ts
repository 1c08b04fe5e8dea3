import { nextPageUrl } from '../auth-records/list-filter.js';
import { warning } from '../auth-records/list-output.js';
import type { ActionContext, ActionResult, ActionSpec, Endpoint } from '../qualys/endpoint.js';
import type { KbCvss } from '../knowledge-base/kb-cvss.js';
import { requestElement } from '../qualys/envelopes.js';
import type { RequestParams } from '../qualys/params.js';
import { el, leaf, renderSiblings, renderXmlAround, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import { csvHead, csvRows, csvTail } from './detection-csv.js';
import type { DetectionRow, HostRow } from './host.js';
import { CallQdsFactors } from './qds-factors.js';
import { chunkOf, firstRead, pageStream, type PageChunk } from './host-pages.js';
import { DETECTION_FILTER_PARAMS, readDetectionFilter, readDetectionHostFilter } from './detection-params.js';
import { type FilterSources, flag, HOST_FILTER_PARAMS, HOST_LIST_FILTER_PARAMS, readHostFilter } from './host-params.js';
import { readCloudParams, readHostListExtras, withExtras } from './host-list-params.js';
import { hostListReader } from './host-list-reader.js';
import type { HostStore } from './host-store.js';
import { joinedRead } from './joined-detections.js';
import { detectionElement, detectionHost, hostListHost, showsStored, storedDetection, type DetectionShow } from './host-xml.js';
import { assetGroupIds } from './host-group-xml.js';
import { riskElements, showsRisk } from './host-risk-xml.js';
import { type ChunkPlace, detectionPlaces, GroupGlossary, groupsOfHosts } from './host-groups.js';
import { HOST_API_VERSIONS, HOST_CLOUD_PARAMS, HOST_VERSIONS, type HostApiVersion } from './host-versions.js';

export const hostListPath = (v: HostApiVersion) => `/api/${v}/fo/asset/host/`;
export const detectionPath = (v: HostApiVersion) => `/api/${v}/fo/asset/host/vm/detection/`;
/** [Q recorded, 2022-23, for v2.0] the per-endpoint DTDs; [E] each version names its own path. */
export const hostListDtd = (v: HostApiVersion) => `/api/${v}/fo/asset/host/dtd/list/output.dtd`;
export const detectionDtd = (v: HostApiVersion) => `/api/${v}/fo/asset/host/vm/detection/dtd/output.dtd`;

/** What the endpoints read hosts from, and the page size at each call. */
export interface HostLists {
  store: HostStore;
  sources: FilterSources;
  readonly pageSize: number;
  /** The CVSS of the KnowledgeBase entries of `qids`, for the QDS factors. */
  cvss(qids: readonly number[]): ReadonlyMap<number, KbCvss>;
  /** The name of network `id`, for the v5.0 detection HOST's NETWORK_NAME. */
  networkName(id: number): string | undefined;
}

/** [Q] 0: no truncation; [E] the default is --page-size (Qualys's 1000 unless set). */
const readLimit = (params: RequestParams, pageSize: number) => Number(params.integer('truncation_limit', 0, 1_000_000) ?? pageSize);

/** HOSTs written for their place in HOST_LIST, three elements below the root. */
const hostElements = (hosts: readonly XmlElement[]) => renderSiblings(hosts, 3);

/**
 * A list document: RESPONSE's DATETIME, then `content` (a slot to stream into, or a whole element),
 * then the 1980 warning and a GLOSSARY.
 */
function listDoc(
  ctx: ActionContext,
  root: string,
  dtdPath: string,
  content: XmlElement | undefined,
  next?: XmlElement,
  glossary?: XmlElement,
): XmlDocumentSpec {
  return { root: el(root, requestElement(ctx.echo), el('RESPONSE', leaf('DATETIME', ctx.datetime), content, next, glossary)), dtdPath };
}

/**
 * Streams an XML list whose first read found hosts; with none, answers RESPONSE with DATETIME
 * alone [Q recorded]. `glossary`, given the next page's first ID, is written last, once the hosts are.
 */
function xmlList(
  ctx: ActionContext,
  root: string,
  dtdPath: string,
  limit: number,
  read: (after: number, n: number) => PageChunk,
  glossary?: (next: number | undefined) => XmlElement | undefined,
): ActionResult {
  const first = read(0, firstRead(limit));
  if (first.count === 0) return { xml: ctx.render(listDoc(ctx, root, dtdPath, undefined)) };
  const slot: XmlElement = { name: 'HOST_LIST' };
  const around = (next?: number, withGlossary?: boolean) =>
    renderXmlAround(
      listDoc(ctx, root, dtdPath, slot, warning({ nextUrl: nextPageUrl(ctx, next), pageSize: limit }), withGlossary ? glossary?.(next) : undefined),
      ctx.baseUrl,
      slot,
    );
  return { xml: pageStream({ read, limit, head: around().head, tail: (next) => around(next, true).tail }, first) };
}

const HOST_LIST_DETAILS = ['Basic', 'Basic/AGs', 'All', 'All/AGs', 'None'] as const;

/** [Q] `action=list` of the host list: GET or POST. */
function hostList(version: HostApiVersion, lists: HostLists): ActionSpec {
  return {
    methods: ['GET', 'POST'],
    allowed: [
      'action',
      'echo_request',
      'details',
      'show_asset_id',
      'show_tags',
      'truncation_limit',
      // [Q: the guide's 4.0 host list sample of p.1010 writes `cloud_agent_activationkey=0` into its
      // next-page URL, which clients follow verbatim; [E] the other versions take it too, unproven]
      'cloud_agent_activationkey',
      ...HOST_FILTER_PARAMS,
      ...HOST_LIST_FILTER_PARAMS,
      ...HOST_VERSIONS[version].hostListParams,
    ],
    exclusive: [['ag_ids', 'ag_titles']],
    handle(ctx) {
      const { params } = ctx;
      const details = params.oneOf('details', HOST_LIST_DETAILS, true) ?? 'Basic';
      const show = { all: details.startsWith('All'), assetId: flag(params, 'show_asset_id'), tags: flag(params, 'show_tags') };
      const extras = readHostListExtras(params);
      // [E] read for its value alone: no host is told apart by a Cloud Agent activation key
      flag(params, 'cloud_agent_activationkey');
      const limit = readLimit(params, lists.pageSize);
      const filter = withExtras(readHostFilter(params, lists.sources), extras);
      const dtdPath = hostListDtd(version);
      const { store } = lists;
      const listed = hostListReader(store, filter, extras.risk.factors);
      if (details === 'None') {
        // [Q recorded] an ID_SET and no HOST_LIST; IDs only, so read whole. [Q] Each an ID, never an
        // ID_RANGE: Qualys's own sample and the connectors written against it read ID alone
        // (docs/fidelity.md §20), as a platform's sparse host IDs let them.
        const ids = store.hostIds(filter, limit === 0 ? -1 : limit + 1);
        const next = limit > 0 && ids.length > limit ? ids.pop() : undefined;
        const set = ids.length > 0 ? el('ID_SET', ...ids.map((id) => leaf('ID', String(id)))) : undefined;
        return { xml: ctx.render(listDoc(ctx, 'HOST_LIST_OUTPUT', dtdPath, set, warning({ nextUrl: nextPageUrl(ctx, next), pageSize: limit }))) };
      }
      // [Q: DC host list sample 2] `/AGs` adds each host's ASSET_GROUP_IDS, and the page a GLOSSARY of them
      const groupsOf = details.endsWith('/AGs') ? groupsOfHosts(lists.sources.groups) : undefined;
      const glossary = new GroupGlossary();
      const read = (after: number, n: number) => {
        const { rows, counts } = listed(after, n);
        const groups = groupsOf?.(rows);
        const host = (h: HostRow) =>
          hostListHost(
            h,
            show,
            groups && assetGroupIds(glossary.note(h.id, groups.get(h.id)!)),
            showsRisk(extras.risk) ? riskElements(h.trurisk, counts?.get(h.id) ?? [], extras.risk) : [],
          );
        return chunkOf(rows, (hosts) => hostElements(hosts.map(host)));
      };
      return xmlList(ctx, 'HOST_LIST_OUTPUT', dtdPath, limit, read, (next) => glossary.element(next));
    },
  };
}

/**
 * The chunk's hosts, each with its detections (of `[host ID, detection]` pairs read for the
 * chunk's range of IDs, which may hold hosts the filters left out).
 */
function withDetections<D>(hosts: readonly HostRow[], detections: readonly (readonly [number, D])[]): [HostRow, D[]][] {
  const byHost = new Map<number, D[]>(hosts.map((h) => [h.id, []]));
  for (const [hostId, d] of detections) byHost.get(hostId)?.push(d);
  return hosts.map((h) => [h, byHost.get(h.id)!]);
}

/** [Q] `action=list` of the detections: GET or POST; XML, CSV or CSV_NO_METADATA. */
function detectionList(version: HostApiVersion, lists: HostLists): ActionSpec {
  return {
    methods: ['GET', 'POST'],
    allowed: [
      'action',
      'echo_request',
      'show_asset_id',
      'show_tags',
      'show_results',
      'show_qds',
      // [Q: XSOAR sends it with show_qds=1]
      'show_qds_factors',
      // [Q: qualysetl sends it to every version]
      'show_reopened_info',
      // [Q: ServiceNow's Host Detection Integration sends it to 5.0]
      'vuln_detection_source',
      ...HOST_CLOUD_PARAMS,
      'output_format',
      'suppress_duplicated_data_from_csv',
      'truncation_limit',
      ...HOST_FILTER_PARAMS,
      ...DETECTION_FILTER_PARAMS,
      ...HOST_VERSIONS[version].detectionParams,
    ],
    exclusive: [['ag_ids', 'ag_titles']],
    handle(ctx) {
      const { params } = ctx;
      const format = params.oneOf('output_format', ['XML', 'CSV', 'CSV_NO_METADATA'], true) ?? 'XML';
      // [Q: DC Sample 15] results are shown unless show_results=0
      const show: DetectionShow = {
        assetId: flag(params, 'show_asset_id'),
        tags: flag(params, 'show_tags'),
        results: params.oneOf('show_results', ['0', '1']) !== '0',
        qds: flag(params, 'show_qds'),
      };
      // [E] QDS_FACTORS go with QDS: without show_qds=1 the list shows its detections as stored
      const factors = flag(params, 'show_qds_factors') && show.qds ? new CallQdsFactors(lists.cvss) : undefined;
      // [E] read for their values alone (0 or 1): no reopening dates or detection sources are kept
      // to write (no detection-source element's shape is on record)
      flag(params, 'show_reopened_info');
      flag(params, 'vuln_detection_source');
      readCloudParams(params);
      const suppress = flag(params, 'suppress_duplicated_data_from_csv');
      const limit = readLimit(params, lists.pageSize);
      const hostFilter = readDetectionHostFilter(params, lists.sources, ctx.datetime);
      const detectionFilter = readDetectionFilter(params, ctx.datetime);
      const { store } = lists;
      const hostsAfter = (after: number, n: number) => store.hosts(hostFilter, after, n, detectionFilter);
      /** The columns of the detections of `hosts`, a chunk. */
      const rows = (hosts: readonly HostRow[]) =>
        withDetections(
          hosts,
          store.detections(hosts[0].id, hosts[hosts.length - 1].id, detectionFilter).map((d) => [d.host_id, d] as const),
        );
      /** Their DETECTION elements: as stored when the list shows what is stored, else written from the columns. */
      const elements = (hosts: readonly HostRow[]): [HostRow, XmlElement[]][] =>
        showsStored(show)
          ? withDetections(
              hosts,
              store.detectionXml(hosts[0].id, hosts[hosts.length - 1].id, detectionFilter).map(([id, xml]) => [id, storedDetection(xml)] as const),
            )
          : written(rows(hosts));
      /** The chunk's detections written from their columns, with the QDS factors of their QIDs' entries when shown. */
      const written = (chunk: [HostRow, DetectionRow[]][]): [HostRow, XmlElement[]][] => {
        factors?.load(chunk.flatMap(([, ds]) => ds.map((d) => d.qid)));
        return chunk.map(([h, ds]) => [h, ds.map((d) => detectionElement(d, show, factors?.of(d.qid)))]);
      };
      if (format === 'XML') {
        // [Q: the guide's v5.0 detection sample] groups and network after TRACKING_METHOD
        const place: ChunkPlace =
          HOST_VERSIONS[version].detectionHostPlace === 'none' ? () => () => [] : detectionPlaces(lists.sources.groups, lists.networkName);
        const read =
          joinedRead(store, hostFilter, detectionFilter, show, place) ??
          ((after: number, n: number) =>
            chunkOf(hostsAfter(after, n), (hosts) => {
              if (hosts.length === 0) return Buffer.alloc(0);
              const placeOf = place(hosts);
              return hostElements(elements(hosts).map(([h, ds]) => detectionHost(h, ds, show, placeOf(h))));
            }));
        return xmlList(ctx, 'HOST_LIST_VM_DETECTION_OUTPUT', detectionDtd(version), limit, read);
      }
      const metadata = format === 'CSV';
      const read = (after: number, n: number) =>
        chunkOf(hostsAfter(after, n), (hosts) =>
          Buffer.from(
            hosts.length === 0
              ? ''
              : rows(hosts)
                  .map(([h, ds]) => csvRows(h, ds, show, suppress))
                  .join(''),
          ),
        );
      const tail = (next?: number) => csvTail(metadata, next === undefined ? undefined : { id: next, url: nextPageUrl(ctx, next)! });
      const first = read(0, firstRead(limit));
      const contentType = 'text/csv;charset=UTF-8';
      if (first.count === 0) return { xml: Buffer.concat([csvHead(metadata), tail()]), contentType };
      return { xml: pageStream({ read, limit, head: csvHead(metadata), tail }, first), contentType };
    },
  };
}

/** Every version's host list and detection endpoints. */
export function hostEndpoints(lists: HostLists): Endpoint[] {
  return HOST_API_VERSIONS.flatMap((v) => [
    { path: hostListPath(v), actions: { list: hostList(v, lists) } },
    { path: detectionPath(v), actions: { list: detectionList(v, lists) } },
  ]);
}
