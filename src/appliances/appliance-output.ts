import { listOutput, requestElement, type RequestEcho } from '../qualys/envelopes.js';
import { dtdText, REQUEST_DTD, sequence } from '../qualys/dtd-text.js';
import { cdataLeaf, el, elOf, leaf, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import type { Appliance } from './appliance-store.js';

export const APPLIANCE_LIST_DTD = '/api/2.0/fo/appliance/appliance_list_output.dtd';
export const APPLIANCE_CREATE_DTD = '/api/2.0/fo/appliance/appliance_create_output.dtd';

/** [E] the versions an emulated appliance reports: it never updates, so each is the latest. */
const VERSIONS = { software: '3.1', ml: '13.1.46-1', vulnsigs: '2.6.150-2' } as const;

export interface ListOptions {
  full: boolean;
  showTags: boolean;
  /** The networks feature is on: brief appliances show their NETWORK_ID too. */
  networks: boolean;
  /** The asset groups naming each appliance (full mode). */
  groups: ReadonlyMap<number, readonly { id: number; title: string }[]>;
}

/** [Q] brief: ID, NAME, SOFTWARE_VERSION, RUNNING_SCAN_COUNT, STATUS (the 2014 sample); [E] NETWORK_ID with networks on. */
function briefChildren(a: Appliance, options: ListOptions): XmlElement[] {
  return [
    leaf('ID', String(a.id)),
    leaf('NAME', a.name),
    ...(options.networks ? [leaf('NETWORK_ID', String(a.networkId))] : []),
    leaf('SOFTWARE_VERSION', VERSIONS.software),
    leaf('RUNNING_SCAN_COUNT', '0'),
    leaf('STATUS', a.status),
  ];
}

/** [Q] the full appliance, in the order of docs/fidelity.md §15 (the community sample and a client's element map). */
function fullAppliance(a: Appliance, options: ListOptions): XmlElement {
  const groups = options.groups.get(a.id) ?? [];
  return el(
    'APPLIANCE',
    leaf('ID', String(a.id)),
    leaf('UUID', a.uuid),
    leaf('NAME', a.name),
    leaf('NETWORK_ID', String(a.networkId)),
    leaf('SOFTWARE_VERSION', VERSIONS.software),
    leaf('RUNNING_SLICES_COUNT', '0'),
    leaf('RUNNING_SCAN_COUNT', '0'),
    leaf('STATUS', a.status),
    // [Q] `cvscanner` and serial 0 for a virtual scanner (the community sample); [E] the physical ones'
    leaf('MODEL_NUMBER', a.type === 'virtual' ? 'cvscanner' : 'QGSA-5120-A1'),
    leaf('SERIAL_NUMBER', a.type === 'virtual' ? '0' : String(100000 + a.id)),
    a.type === 'virtual' && leaf('ACTIVATION_CODE', a.activationCode),
    el('INTERFACE_SETTINGS', leaf('INTERFACE', 'lan'), leaf('LEASE', 'DHCP'), leaf('SPEED', 'Auto'), leaf('DUPLEX', 'Auto')),
    leaf('IS_CLOUD_DEPLOYED', '0'),
    elOf('VLANS', [
      leaf('SETTING', a.vlans.length > 0 ? 'Enabled' : 'Disabled'),
      ...a.vlans.map((v) => el('VLAN', leaf('ID', v.id), leaf('IP_ADDRESS', v.ip), leaf('NETMASK', v.netmask), cdataLeaf('NAME', v.name))),
    ]),
    elOf(
      'STATIC_ROUTES',
      a.routes.map((r) => el('ROUTE', leaf('IP_ADDRESS', r.ip), leaf('NETMASK', r.netmask), leaf('GATEWAY', r.gateway), cdataLeaf('NAME', r.name))),
    ),
    leaf('ML_LATEST', VERSIONS.ml),
    { name: 'ML_VERSION', attrs: { updated: 'yes' }, text: VERSIONS.ml },
    leaf('VULNSIGS_LATEST', VERSIONS.vulnsigs),
    { name: 'VULNSIGS_VERSION', attrs: { updated: 'yes' }, text: VERSIONS.vulnsigs },
    leaf('ASSET_GROUP_COUNT', String(groups.length)),
    groups.length > 0 &&
      elOf(
        'ASSET_GROUP_LIST',
        groups.map((g) => el('ASSET_GROUP', leaf('ID', String(g.id)), cdataLeaf('NAME', g.title))),
      ),
    options.showTags &&
      a.tags.length > 0 &&
      elOf(
        'ASSET_TAGS_LIST',
        a.tags.map((t) => el('ASSET_TAG', cdataLeaf('NAME', t))),
      ),
    leaf('LAST_UPDATED_DATE', a.updatedAt),
    // [Q] "<n> seconds": a migration tool of Qualys's splits the number off
    leaf('POLLING_INTERVAL', `${a.pollingInterval} seconds`),
    leaf('HEARTBEATS_MISSED', '0'),
    leaf('UPDATED', 'yes'),
    a.comments !== undefined && cdataLeaf('COMMENTS', a.comments),
  );
}

/** [Q] APPLIANCE_LIST_OUTPUT: RESPONSE with DATETIME, APPLIANCE_LIST and, when asked, LICENSE_INFO (the 2014 sample). */
export function applianceListOutput(page: {
  echo?: RequestEcho;
  datetime: string;
  appliances: readonly Appliance[];
  options: ListOptions;
  licenses?: { count: number; used: number };
}): XmlDocumentSpec {
  const { appliances, options, licenses } = page;
  return listOutput({
    dtdPath: APPLIANCE_LIST_DTD,
    root: 'APPLIANCE_LIST_OUTPUT',
    echo: page.echo,
    datetime: page.datetime,
    list: 'APPLIANCE_LIST',
    items: appliances.map((a) => (options.full ? fullAppliance(a, options) : elOf('APPLIANCE', briefChildren(a, options)))),
    after: licenses !== undefined && el('LICENSE_INFO', leaf('QVSA_LICENSES_COUNT', String(licenses.count)), leaf('QVSA_LICENSES_USED', String(licenses.used))),
  });
}

/** [Q] a virtual scanner created: its ID, FRIENDLY_NAME, ACTIVATION_CODE and the licenses left (what Qualys's own tools read). */
export function applianceCreateOutput(r: { echo?: RequestEcho; datetime: string; appliance: Appliance; remaining: number }): XmlDocumentSpec {
  const a = r.appliance;
  return {
    dtdPath: APPLIANCE_CREATE_DTD,
    root: el(
      'APPLIANCE_CREATE_OUTPUT',
      requestElement(r.echo),
      el(
        'RESPONSE',
        leaf('DATETIME', r.datetime),
        el(
          'APPLIANCE',
          leaf('ID', String(a.id)),
          leaf('FRIENDLY_NAME', a.name),
          leaf('ACTIVATION_CODE', a.activationCode),
          leaf('REMAINING_QVSA_LICENSES', String(r.remaining)),
        ),
      ),
    ),
  };
}

const leaves = (names: readonly string[]) => names.map((n) => `<!ELEMENT ${n} (#PCDATA)>`);

/** [E] the list DTD, reconstructed from the element order Qualys's samples and clients show. */
export function applianceListDtd(): string {
  return dtdText('APPLIANCE_LIST_OUTPUT: /api/2.0/fo/appliance/?action=list (Qualys API v2). [E] reconstructed from samples.', [
    '<!ELEMENT APPLIANCE_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, APPLIANCE_LIST?, LICENSE_INFO?)>',
    '<!ELEMENT APPLIANCE_LIST (APPLIANCE+)>',
    sequence('APPLIANCE', [
      'ID',
      'UUID?',
      'NAME',
      'NETWORK_ID?',
      'SOFTWARE_VERSION?',
      'RUNNING_SLICES_COUNT?',
      'RUNNING_SCAN_COUNT',
      'STATUS',
      'CMD_ONLY_START?',
      'MODEL_NUMBER?',
      'SERIAL_NUMBER?',
      'ACTIVATION_CODE?',
      'INTERFACE_SETTINGS*',
      'PROXY_SETTINGS?',
      'IS_CLOUD_DEPLOYED?',
      'CLOUD_INFO?',
      'VLANS?',
      'STATIC_ROUTES?',
      'ML_LATEST?',
      'ML_VERSION?',
      'VULNSIGS_LATEST?',
      'VULNSIGS_VERSION?',
      'ASSET_GROUP_COUNT?',
      'ASSET_GROUP_LIST?',
      'ASSET_TAGS_LIST?',
      'LAST_UPDATED_DATE?',
      'POLLING_INTERVAL?',
      'USER_LOGIN?',
      'HEARTBEATS_MISSED?',
      'SS_CONNECTION?',
      'SS_LAST_CONNECTED?',
      'FDCC_ENABLED?',
      'UPDATED?',
      'COMMENTS?',
      'RUNNING_SCANS?',
      'MAX_CAPACITY_UNITS?',
    ]),
    ...leaves([
      'ID',
      'UUID',
      'NAME',
      'NETWORK_ID',
      'SOFTWARE_VERSION',
      'RUNNING_SLICES_COUNT',
      'RUNNING_SCAN_COUNT',
      'STATUS',
      'CMD_ONLY_START',
      'MODEL_NUMBER',
      'SERIAL_NUMBER',
      'ACTIVATION_CODE',
    ]),
    '<!ELEMENT INTERFACE_SETTINGS (INTERFACE, IP_ADDRESS?, NETMASK?, GATEWAY?, LEASE?, IPV6_ADDRESS?, SPEED?, DUPLEX?, DNS?)>',
    ...leaves(['INTERFACE', 'IP_ADDRESS', 'NETMASK', 'GATEWAY', 'LEASE', 'IPV6_ADDRESS', 'SPEED', 'DUPLEX']),
    '<!ELEMENT DNS (DOMAIN?, PRIMARY?, SECONDARY?)>',
    ...leaves(['DOMAIN', 'PRIMARY', 'SECONDARY', 'PROXY_SETTINGS', 'IS_CLOUD_DEPLOYED', 'CLOUD_INFO']),
    '<!ELEMENT VLANS (SETTING?, VLAN*)>',
    '<!ELEMENT SETTING (#PCDATA)>',
    '<!ELEMENT VLAN (ID, IP_ADDRESS, NETMASK, NAME)>',
    '<!ELEMENT STATIC_ROUTES (ROUTE*)>',
    '<!ELEMENT ROUTE (IP_ADDRESS, NETMASK, GATEWAY, NAME)>',
    ...leaves(['ML_LATEST', 'ML_VERSION']),
    '<!ATTLIST ML_VERSION updated CDATA #IMPLIED>',
    ...leaves(['VULNSIGS_LATEST', 'VULNSIGS_VERSION']),
    '<!ATTLIST VULNSIGS_VERSION updated CDATA #IMPLIED>',
    '<!ELEMENT ASSET_GROUP_COUNT (#PCDATA)>',
    '<!ELEMENT ASSET_GROUP_LIST (ASSET_GROUP+)>',
    '<!ELEMENT ASSET_GROUP (ID, NAME)>',
    '<!ELEMENT ASSET_TAGS_LIST (ASSET_TAG+)>',
    '<!ELEMENT ASSET_TAG (NAME)>',
    ...leaves([
      'LAST_UPDATED_DATE',
      'POLLING_INTERVAL',
      'HEARTBEATS_MISSED',
      'SS_CONNECTION',
      'SS_LAST_CONNECTED',
      'FDCC_ENABLED',
      'UPDATED',
      'COMMENTS',
      'RUNNING_SCANS',
      'MAX_CAPACITY_UNITS',
    ]),
    '<!ELEMENT LICENSE_INFO (QVSA_LICENSES_COUNT, QVSA_LICENSES_USED)>',
    ...leaves(['QVSA_LICENSES_COUNT', 'QVSA_LICENSES_USED']),
  ]);
}

/** [E] the create DTD, reconstructed from the elements Qualys's own tools read. */
export function applianceCreateDtd(): string {
  return dtdText('APPLIANCE_CREATE_OUTPUT: /api/2.0/fo/appliance/?action=create (Qualys API v2). [E] reconstructed.', [
    '<!ELEMENT APPLIANCE_CREATE_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, APPLIANCE)>',
    '<!ELEMENT APPLIANCE (ID, FRIENDLY_NAME, ACTIVATION_CODE, REMAINING_QVSA_LICENSES)>',
    ...leaves(['ID', 'FRIENDLY_NAME', 'ACTIVATION_CODE', 'REMAINING_QVSA_LICENSES']),
  ]);
}
