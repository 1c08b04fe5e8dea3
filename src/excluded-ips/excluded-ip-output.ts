import { requestElement, type RequestEcho } from '../qualys/envelopes.js';
import { dtdText, REQUEST_DTD } from '../qualys/dtd-text.js';
import { formatIpRange } from '../qualys/ip-set.js';
import { cdataLeaf, el, elOf, leaf, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import type { ExcludedRun, HistoryEntry } from './excluded-ip-store.js';

/** [E] Qualys's DOCTYPE URLs for these answers are not public. */
export const EXCLUDED_LIST_DTD = '/api/2.0/fo/asset/excluded_ip/ip_list_output.dtd';
export const EXCLUDED_HISTORY_DTD = '/api/2.0/fo/asset/excluded_ip/history/history_list_output.dtd';

/** An IP or IP_RANGE with the attributes of an excluded entry: [E] `network_id` other than 0; [Q recorded] `expiration_date`. */
function entry(run: Pick<ExcludedRun, 'lo' | 'hi'> & { networkId?: number; expiresAt?: string | null }): XmlElement {
  const { kind, value } = formatIpRange([run.lo, run.hi]);
  const attrs: Record<string, string> = {};
  if (run.networkId) attrs.network_id = String(run.networkId);
  if (run.expiresAt) attrs.expiration_date = run.expiresAt;
  return Object.keys(attrs).length > 0 ? { name: kind, text: value, attrs } : { name: kind, text: value };
}

/**
 * [Q recorded: XSOAR's Qualys integration reads IP_LIST_OUTPUT/RESPONSE/IP_SET with
 * `expiration_date` attributes] the excluded list: [E] an entry without expiry has no attribute.
 */
export function excludedListOutput(page: { echo?: RequestEcho; datetime: string; runs: readonly ExcludedRun[] }): XmlDocumentSpec {
  return {
    dtdPath: EXCLUDED_LIST_DTD,
    root: el(
      'IP_LIST_OUTPUT',
      requestElement(page.echo),
      el('RESPONSE', leaf('DATETIME', page.datetime), page.runs.length > 0 && elOf('IP_SET', page.runs.map(entry))),
    ),
  };
}

/**
 * [Q names: the change history page and clients reading HISTORY entries with IP_SET, ACTION,
 * DATETIME, USER_LOGIN and COMMENTS] newest first; [E] the order of the children, ID and NETWORK_ID.
 */
export function excludedHistoryOutput(page: { echo?: RequestEcho; datetime: string; entries: readonly HistoryEntry[] }): XmlDocumentSpec {
  const history = (e: HistoryEntry) =>
    el(
      'HISTORY',
      leaf('ID', String(e.id)),
      elOf(
        'IP_SET',
        e.ips.map(([lo, hi]) => entry({ lo, hi })),
      ),
      leaf('ACTION', e.action),
      e.networkId !== 0 && leaf('NETWORK_ID', String(e.networkId)),
      leaf('DATETIME', e.datetime),
      leaf('USER_LOGIN', e.user),
      cdataLeaf('COMMENTS', e.comment),
    );
  return {
    dtdPath: EXCLUDED_HISTORY_DTD,
    root: el(
      'HISTORY_LIST_OUTPUT',
      requestElement(page.echo),
      el('RESPONSE', leaf('DATETIME', page.datetime), page.entries.length > 0 && elOf('HISTORY_LIST', page.entries.map(history))),
    ),
  };
}

const EXCLUDED_IP_SET_DTD = [
  '<!ELEMENT IP_SET ((IP|IP_RANGE)+)>',
  '<!ELEMENT IP (#PCDATA)>',
  '<!ATTLIST IP network_id CDATA #IMPLIED expiration_date CDATA #IMPLIED>',
  '<!ELEMENT IP_RANGE (#PCDATA)>',
  '<!ATTLIST IP_RANGE network_id CDATA #IMPLIED expiration_date CDATA #IMPLIED>',
];

/** [E] reconstructed from what clients parse. */
export function excludedListDtd(): string {
  return dtdText('IP_LIST_OUTPUT: /api/2.0/fo/asset/excluded_ip/?action=list (Qualys API v2). [E] reconstructed.', [
    '<!ELEMENT IP_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, IP_SET?)>',
    ...EXCLUDED_IP_SET_DTD,
  ]);
}

/** [E] reconstructed from the page's element names. */
export function excludedHistoryDtd(): string {
  return dtdText('HISTORY_LIST_OUTPUT: /api/2.0/fo/asset/excluded_ip/history/?action=list (Qualys API v2). [E] reconstructed.', [
    '<!ELEMENT HISTORY_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, HISTORY_LIST?)>',
    '<!ELEMENT HISTORY_LIST (HISTORY+)>',
    '<!ELEMENT HISTORY (ID, IP_SET, ACTION, NETWORK_ID?, DATETIME, USER_LOGIN, COMMENTS)>',
    '<!ELEMENT ID (#PCDATA)>',
    ...EXCLUDED_IP_SET_DTD,
    '<!ELEMENT ACTION (#PCDATA)>',
    '<!ELEMENT NETWORK_ID (#PCDATA)>',
    '<!ELEMENT COMMENTS (#PCDATA)>',
  ]);
}
