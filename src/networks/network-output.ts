import { listOutput, type RequestEcho } from '../qualys/envelopes.js';
import { dtdText, REQUEST_DTD } from '../qualys/dtd-text.js';
import { cdataLeaf, el, elOf, leaf, type XmlDocumentSpec } from '../qualys/xml.js';
import type { Network, NetworkAppliance } from './network-store.js';

/** [E] Qualys's sample names `network_list_output.dtd`; the emulator serves it beside the endpoint. */
export const NETWORK_LIST_DTD = '/api/2.0/fo/network/network_list_output.dtd';

/**
 * [Q: Qualys's List Networks sample, clients reading NETWORK_LIST_OUTPUT/RESPONSE/NETWORK_LIST/NETWORK]
 * each network's ID, NAME (CDATA) and the scanner appliances assigned to it (SCANNER_APPLIANCE:
 * ID, FRIENDLY_NAME as CDATA), none when it has none [E]; [E] the root and its REQUEST echo, as the other lists.
 */
export function networkListOutput(page: {
  echo?: RequestEcho;
  datetime: string;
  networks: readonly Network[];
  appliances: ReadonlyMap<number, readonly NetworkAppliance[]>;
}): XmlDocumentSpec {
  const appliancesOf = (id: number) => {
    const list = page.appliances.get(id);
    return (
      list &&
      elOf(
        'SCANNER_APPLIANCE_LIST',
        list.map((a) => el('SCANNER_APPLIANCE', leaf('ID', String(a.id)), cdataLeaf('FRIENDLY_NAME', a.name))),
      )
    );
  };
  return listOutput({
    dtdPath: NETWORK_LIST_DTD,
    root: 'NETWORK_LIST_OUTPUT',
    echo: page.echo,
    datetime: page.datetime,
    list: 'NETWORK_LIST',
    items: page.networks.map((n) => el('NETWORK', leaf('ID', String(n.id)), cdataLeaf('NAME', n.name), appliancesOf(n.id))),
  });
}

/** [E] reconstructed from the sample (whose own text is not well-formed), with the appliances it shows. */
export function networkListDtd(): string {
  return dtdText("NETWORK_LIST_OUTPUT: /api/2.0/fo/network/?action=list (Qualys API v2). [E] reconstructed from Qualys's sample.", [
    '<!ELEMENT NETWORK_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, NETWORK_LIST?)>',
    '<!ELEMENT NETWORK_LIST (NETWORK+)>',
    '<!ELEMENT NETWORK (ID, NAME, SCANNER_APPLIANCE_LIST?)>',
    '<!ELEMENT ID (#PCDATA)>',
    '<!ELEMENT NAME (#PCDATA)>',
    '<!ELEMENT SCANNER_APPLIANCE_LIST (SCANNER_APPLIANCE+)>',
    '<!ELEMENT SCANNER_APPLIANCE (ID, FRIENDLY_NAME)>',
    '<!ELEMENT FRIENDLY_NAME (#PCDATA)>',
  ]);
}
