import { requestElement, type RequestEcho } from '../qualys/envelopes.js';
import { dtdText, IP_SET_DTD, REQUEST_DTD } from '../qualys/dtd-text.js';
import type { Range } from '../qualys/interval-set.js';
import { formatIpRange } from '../qualys/ip-set.js';
import { el, elOf, leaf, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';

/** [Q: a client's map of Qualys DTD URLs] the DTD the IP list's DOCTYPE names. */
export const IP_LIST_DTD = '/api/2.0/fo/asset/ip/ip_list_output.dtd';

/** One network's ranges in an IP_SET: [E] entries of a network other than 0 carry its `network_id`. */
export interface ListedIps {
  networkId: number;
  ranges: readonly Range[];
}

/** [Q] an IP_SET: single addresses as IP, runs as IP_RANGE, by network then address. */
export function ipSetElement(sets: readonly ListedIps[]): XmlElement | undefined {
  const entries: XmlElement[] = [];
  for (const { networkId, ranges } of sets) {
    // one attributes object per network, not per entry: a list may hold 100,000 entries
    const attrs = networkId === 0 ? undefined : { network_id: String(networkId) };
    for (const range of ranges) {
      const { kind, value } = formatIpRange(range);
      entries.push(attrs ? { name: kind, text: value, attrs } : { name: kind, text: value });
    }
  }
  return entries.length > 0 ? elOf('IP_SET', entries) : undefined;
}

/**
 * [Q recorded: XSOAR's Qualys integration reads IP_LIST_OUTPUT/RESPONSE/IP_SET/IP] the list: its
 * REQUEST echo, then RESPONSE with DATETIME and the IP_SET, left out when nothing matches.
 */
export function ipListOutput(dtdPath: string, page: { echo?: RequestEcho; datetime: string; sets: readonly ListedIps[] }): XmlDocumentSpec {
  return { dtdPath, root: el('IP_LIST_OUTPUT', requestElement(page.echo), el('RESPONSE', leaf('DATETIME', page.datetime), ipSetElement(page.sets))) };
}

/** [E] reconstructed from the answers clients parse: Qualys's text of this DTD is not public. */
export function ipListDtd(): string {
  return dtdText('IP_LIST_OUTPUT: /api/2.0/fo/asset/ip/?action=list (Qualys API v2). [E] reconstructed.', [
    '<!ELEMENT IP_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, IP_SET?)>',
    ...IP_SET_DTD,
  ]);
}
