import { el, elOf, leaf, type XmlElement, type XmlDocumentSpec } from './xml.js';
import { formatIdSet } from './id-set.js';
import type { IntervalSet } from './interval-set.js';
import type { QualysItem } from './errors.js';
import { v2Dtd } from './bundled-dtd.js';

/** The REQUEST block that echo_request=1 adds [Q: seed sample]. */
export interface RequestEcho {
  datetime: string;
  userLogin: string;
  /** Absolute URL of the endpoint, trailing slash, no query. */
  resource: string;
  params: readonly (readonly [string, string])[];
}

const DTD_PATHS = {
  simpleReturn: '/api/2.0/simple_return.dtd',
  batchReturn: '/api/2.0/batch_return.dtd',
} as const;

/** The DTDs of the envelopes every family may answer with, bundled as Qualys publishes them. */
export const ENVELOPE_DTDS = Object.values(DTD_PATHS).map((url) => v2Dtd(url));

export function requestElement(echo: RequestEcho | undefined): XmlElement | undefined {
  if (!echo) return undefined;
  return el(
    'REQUEST',
    leaf('DATETIME', echo.datetime),
    leaf('USER_LOGIN', echo.userLogin),
    leaf('RESOURCE', echo.resource),
    echo.params.length > 0 &&
      elOf(
        'PARAM_LIST',
        echo.params.map(([key, value]) => el('PARAM', leaf('KEY', key), leaf('VALUE', value))),
      ),
  );
}

/**
 * A family's list answer: the root with the request echoed, then RESPONSE with DATETIME and the
 * list element, left out when it holds nothing (each family's list says on what evidence), then
 * what the family writes after it.
 */
export function listOutput(r: {
  dtdPath: string;
  root: string;
  echo?: RequestEcho;
  datetime: string;
  list: string;
  items: readonly XmlElement[];
  after?: XmlElement | false;
}): XmlDocumentSpec {
  return {
    dtdPath: r.dtdPath,
    root: el(r.root, requestElement(r.echo), el('RESPONSE', leaf('DATETIME', r.datetime), r.items.length > 0 && elOf(r.list, r.items), r.after)),
  };
}

export function idSetElement(ids: IntervalSet): XmlElement {
  return elOf(
    'ID_SET',
    formatIdSet(ids).map((e) => leaf(e.kind, e.value)),
  );
}

/** [Q] SIMPLE_RETURN: errors, session login and logout. */
export function simpleReturn(r: { request?: RequestEcho; datetime: string; code?: string; text: string; items?: readonly QualysItem[] }): XmlDocumentSpec {
  const items = r.items ?? [];
  return {
    dtdPath: DTD_PATHS.simpleReturn,
    root: el(
      'SIMPLE_RETURN',
      requestElement(r.request),
      el(
        'RESPONSE',
        leaf('DATETIME', r.datetime),
        r.code !== undefined && leaf('CODE', r.code),
        leaf('TEXT', r.text),
        items.length > 0 &&
          elOf(
            'ITEM_LIST',
            items.map((i) => elOf('ITEM', [leaf('KEY', i.key), ...i.values.map((v) => leaf('VALUE', v))])),
          ),
      ),
    ),
  };
}

export interface Batch {
  code?: string;
  text?: string;
  ids?: IntervalSet;
}

/** [Q] BATCH_RETURN: create, update, delete. */
export function batchReturn(r: { request?: RequestEcho; datetime: string; batches: readonly Batch[] }): XmlDocumentSpec {
  return {
    dtdPath: DTD_PATHS.batchReturn,
    root: el(
      'BATCH_RETURN',
      requestElement(r.request),
      el(
        'RESPONSE',
        leaf('DATETIME', r.datetime),
        elOf(
          'BATCH_LIST',
          r.batches.map((b) =>
            el(
              'BATCH',
              b.code !== undefined && leaf('CODE', b.code),
              b.text !== undefined && leaf('TEXT', b.text),
              b.ids && b.ids.length > 0 && idSetElement(b.ids),
            ),
          ),
        ),
      ),
    ),
  };
}

/** The current second's DATETIME, written once a second rather than once a request. */
let current = { second: NaN, text: '' };

/** [Q] dates are UTC `YYYY-MM-DDThh:mm:ssZ`; without `date`, now. */
export function qualysDateTime(date?: Date): string {
  if (date !== undefined) return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== current.second) current = { second, text: qualysDateTime(new Date(second * 1000)) };
  return current.text;
}
