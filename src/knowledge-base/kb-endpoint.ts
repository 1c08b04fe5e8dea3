import type { ActionSpec, Endpoint } from '../qualys/endpoint.js';
import { qualysErrors } from '../qualys/errors.js';
import { MAX_ID, parseId, parseIdSet } from '../qualys/id-set.js';
import { intersect } from '../qualys/interval-set.js';
import type { RequestParams } from '../qualys/params.js';
import type { XmlElement } from '../qualys/xml.js';
import { streamXml } from '../qualys/xml-stream.js';
import { kbDtdPath, kbIdSetOutput, kbListOutput, storedForm, storedVuln, vulnElement, withPatchDate, type ShownSet } from './kb-output.js';
import type { Shown } from './kb-schema.js';
import type { KbFilter, KbRead, KbStore, Window } from './kb-store.js';
import { KB_VERSIONS, type KbApiVersion } from './kb-versions.js';

export const kbPath = (version: string) => `/api/${version}/fo/knowledge_base/vuln/`;

/** [E] Entries read from SQLite per batch of a streamed answer: about 0.5 to 2 MB of XML. */
const BATCH = 500;

const SHOW_FLAGS = ['show_pci_reasons', 'show_supported_modules_info', 'show_disabled_flag', 'show_qid_change_log'] as const;

/** [Q: Qualys's parameter list for action=list; docs/fidelity.md §21] */
const ALLOWED = [
  'action',
  'echo_request',
  'details',
  'ids',
  'id_min',
  'id_max',
  'is_patchable',
  'last_modified_after',
  'last_modified_before',
  'last_modified_by_user_after',
  'last_modified_by_user_before',
  'last_modified_by_service_after',
  'last_modified_by_service_before',
  'published_after',
  'published_before',
  'discovery_method',
  'discovery_auth_types',
  ...SHOW_FLAGS,
];

/** [Q] discovery_method's values. */
const DISCOVERY_METHODS = ['Remote', 'Authenticated', 'RemoteOnly', 'AuthenticatedOnly', 'RemoteAndAuthenticated'] as const;
type DiscoveryMethod = (typeof DISCOVERY_METHODS)[number];

/** [E] what each discovery method selects: REMOTE, and whether an AUTH_TYPE_LIST is there. */
const DISCOVERY: Readonly<Record<DiscoveryMethod, Pick<KbFilter, 'remote' | 'authenticated'>>> = {
  Remote: { remote: 1 },
  Authenticated: { authenticated: true },
  RemoteOnly: { remote: 1, authenticated: false },
  AuthenticatedOnly: { remote: 0, authenticated: true },
  RemoteAndAuthenticated: { remote: 1, authenticated: true },
};

/** [E] a bare date is that day's midnight, UTC; both ends of a window are inclusive. */
function readWindow(params: RequestParams, after: string, before: string): Window | undefined {
  const at = (name: string) => {
    const d = params.date(name);
    return d === undefined || d.length > 10 ? d : `${d}T00:00:00Z`;
  };
  const w = { after: at(after), before: at(before) };
  return w.after === undefined && w.before === undefined ? undefined : w;
}

/** [E] AUTH_TYPE names: letters, digits and underscores (Qualys's are, e.g. `WEBLOGIC_VULN`). */
function readAuthTypes(params: RequestParams): string[] | undefined {
  const value = params.list('discovery_auth_types', 1024);
  if (value === undefined || value === '') return undefined;
  const types = value.split(',');
  const bad = types.find((t) => !/^[A-Za-z0-9_]{1,64}$/.test(t));
  if (bad !== undefined) throw qualysErrors.invalidValue('discovery_auth_types', value, `not an authentication type: ${bad}`);
  return types;
}

/** The filter a list's parameters make; every value checked (1905) before anything is read. */
function readFilter(params: RequestParams): KbFilter {
  const ids = params.has('ids') ? parseIdSet('ids', params.require('ids')) : [[1, MAX_ID] as const];
  const idMin = params.has('id_min') ? parseId('id_min', params.require('id_min')) : 1;
  const idMax = params.has('id_max') ? parseId('id_max', params.require('id_max')) : MAX_ID;
  const patchable = params.oneOf('is_patchable', ['0', '1']);
  const method = params.oneOf('discovery_method', DISCOVERY_METHODS, true);
  return {
    qids: idMin <= idMax ? intersect(ids, [[idMin, idMax]]) : [],
    patchable: patchable === undefined ? undefined : patchable === '1' ? 1 : 0,
    ...(method ? DISCOVERY[method] : {}),
    authTypes: readAuthTypes(params),
    modified: readWindow(params, 'last_modified_after', 'last_modified_before'),
    userModified: readWindow(params, 'last_modified_by_user_after', 'last_modified_by_user_before'),
    serviceModified: readWindow(params, 'last_modified_by_service_after', 'last_modified_by_service_before'),
    published: readWindow(params, 'published_after', 'published_before'),
  };
}

/** [Q: docs] Basic (the default) and All; each show_ flag adds its element, and the version its own. */
function readShown(params: RequestParams, details: string, version: KbApiVersion): ShownSet {
  const shown = new Set<Shown>(['basic', ...KB_VERSIONS[version].shows]);
  if (details === 'All') shown.add('all');
  for (const flag of SHOW_FLAGS) if (params.oneOf(flag, ['0', '1']) === '1') shown.add(flag);
  return shown;
}

/** A batch of VULN elements: the entries after `after` (a QID), at most BATCH of them. */
interface Batch {
  vulns: XmlElement[];
  /** The last entry's QID, where the next batch starts. */
  last: number;
}

/**
 * Reads batches of the entries `filter` keeps, as `shown` asks: copied as stored when that is a
 * stored form, else written from the entries' fields.
 */
function reader(store: KbStore, filter: KbFilter, shown: ShownSet): (after: number) => Batch {
  const form = storedForm(shown);
  if (form === undefined) {
    return (after) => {
      const entries = store.batch(filter, after, BATCH);
      return { vulns: entries.map((e) => vulnElement(e, shown)), last: entries.length > 0 ? Number(entries[entries.length - 1].qid) : after };
    };
  }
  // [Q: clients, docs/fidelity.md §21] 3.0 on: a stored VULN is 2.0's, the entry's PATCH_PUBLISHED_DATE put in where it goes
  const patchDate = shown.has('from 3.0');
  const stored = (r: KbRead & { entry: null }) =>
    patchDate && r.patchDate !== null && r.split !== null ? withPatchDate(r.xml, r.split, r.patchDate) : storedVuln(r.xml);
  return (after) => {
    const rows = store.writtenBatch(filter, after, BATCH, form, patchDate);
    return { vulns: rows.map((r) => (r.entry ? vulnElement(r.entry, shown) : stored(r))), last: rows.length > 0 ? rows[rows.length - 1].qid : after };
  };
}

/**
 * The batches after the first, each read once the writes waiting for their COMMIT are in (nothing
 * read may roll back). [E] Each batch is its own read: a seed or reset committed while a long
 * answer streams shows in the batches read after it.
 */
async function* batches(store: KbStore, read: (after: number) => Batch, first: Batch): AsyncGenerator<XmlElement[]> {
  let batch = first;
  for (;;) {
    yield batch.vulns;
    if (batch.vulns.length < BATCH) return;
    await store.settled()?.catch(() => undefined);
    batch = read(batch.last);
    if (batch.vulns.length === 0) return;
  }
}

/** [Q] /api/<version>/fo/knowledge_base/vuln/: list (GET or POST), unpaged [E: docs/fidelity.md §21], streamed. */
export function kbEndpoint(store: KbStore, version: KbApiVersion): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ALLOWED,
    handle(ctx) {
      const { params } = ctx;
      const details = params.oneOf('details', ['Basic', 'All', 'None'], true) ?? 'Basic';
      const filter = readFilter(params);
      const shown = readShown(params, details, version);
      const head = { echo: ctx.echo, datetime: ctx.datetime };
      if (details === 'None') return { xml: ctx.render(kbIdSetOutput(head, store.qids(filter), version)) };
      const read = reader(store, filter, shown);
      // the first batch read now, so that a failing read is answered as an error rather than a cut answer
      const doc = kbListOutput(head, batches(store, read, read(0)));
      return { xml: { stream: streamXml(doc, kbDtdPath(version), ctx.baseUrl) } };
    },
  };
  return { path: kbPath(version), actions: { list } };
}
