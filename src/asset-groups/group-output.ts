import { warning } from '../auth-records/list-output.js';
import { idSetElement, requestElement, type RequestEcho } from '../qualys/envelopes.js';
import { dtdText, ID_SET_DTD, REQUEST_DTD, sequence, WARNING_DTD } from '../qualys/dtd-text.js';
import { idSetOf } from '../qualys/id-set.js';
import { formatIpRange } from '../qualys/ip-set.js';
import { cdataLeaf, el, elOf, leaf, prerender, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import { CVSS_KEYS, type AssetGroup } from './asset-group.js';

/** [Q] the DOCTYPE's DTD (recorded 2016, sample 2019). */
export const GROUP_LIST_DTD = '/api/2.0/fo/asset/group/asset_group_list_output.dtd';

/** [Q] what show_attributes names (the list page, as the Quick Reference lists them). */
export const SHOW_ATTRIBUTES = [
  'ID',
  'TITLE',
  'OWNER',
  'OWNER_USER_NAME',
  'NETWORK_IDS',
  'LAST_UPDATE',
  'IP_SET',
  'APPLIANCE_LIST',
  'DOMAIN_LIST',
  'DNS_LIST',
  'NETBIOS_LIST',
  'EC2_ID_LIST',
  'HOST_IDS',
  'USER_IDS',
  'UNIT_IDS',
  'BUSINESS_IMPACT',
  'CVSS',
  'COMMENTS',
] as const;
export type ShowAttribute = (typeof SHOW_ATTRIBUTES)[number];

/** [Q] without show_attributes: ID, TITLE, the network, the IPs and the appliances (the 2016 recording, the 2019 sample). */
export const DEFAULT_ATTRIBUTES: ReadonlySet<ShowAttribute> = new Set(['ID', 'TITLE', 'NETWORK_IDS', 'IP_SET', 'APPLIANCE_LIST']);

/** [Q] stored lower case as add takes them, shown capitalised (`High`); unset CVSS values read `Not Defined`. */
const shown = (value: string | undefined) =>
  value === undefined ? 'Not Defined' : value.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

/** One group with the attributes asked for, in the DTD's order. */
function groupElement(g: AssetGroup, show: ReadonlySet<ShowAttribute>): XmlElement {
  const has = (a: ShowAttribute) => show.has(a);
  const network = { network_id: String(g.networkId) };
  return el(
    'ASSET_GROUP',
    leaf('ID', String(g.id)),
    has('TITLE') && cdataLeaf('TITLE', g.title),
    has('NETWORK_IDS') && leaf('NETWORK_ID', String(g.networkId)),
    has('LAST_UPDATE') && leaf('LAST_UPDATE', g.lastUpdate),
    has('BUSINESS_IMPACT') && leaf('BUSINESS_IMPACT', shown(g.fields.business_impact ?? 'high')),
    ...(has('CVSS') ? CVSS_KEYS.map((k) => leaf(`CVSS_ENVIRO_${k.toUpperCase()}`, shown(g.fields[`cvss_enviro_${k}`]))) : []),
    has('APPLIANCE_LIST') && g.defaultApplianceId !== undefined && leaf('DEFAULT_APPLIANCE_ID', String(g.defaultApplianceId)),
    // [Q] one text, ", "-separated (recorded)
    has('APPLIANCE_LIST') && g.applianceIds.length > 0 && leaf('APPLIANCE_IDS', g.applianceIds.join(', ')),
    has('IP_SET') &&
      g.ips.length > 0 &&
      elOf(
        'IP_SET',
        g.ips.map((r) => {
          const e = formatIpRange(r);
          return leaf(e.kind, e.value);
        }),
      ),
    has('DOMAIN_LIST') &&
      g.domains.length > 0 &&
      elOf(
        'DOMAIN_LIST',
        g.domains.map((d) => ({ name: 'DOMAIN', attrs: { netblock: d.netblock, ...network }, text: d.name, cdata: true })),
      ),
    has('DNS_LIST') &&
      g.dnsNames.length > 0 &&
      elOf(
        'DNS_LIST',
        g.dnsNames.map((n) => ({ name: 'DNS', attrs: network, text: n, cdata: true })),
      ),
    has('NETBIOS_LIST') &&
      g.netbiosNames.length > 0 &&
      elOf(
        'NETBIOS_LIST',
        g.netbiosNames.map((n) => ({ name: 'NETBIOS', attrs: network, text: n, cdata: true })),
      ),
    has('COMMENTS') && g.fields.comments !== undefined && cdataLeaf('COMMENTS', g.fields.comments),
    has('OWNER_USER_NAME') && cdataLeaf('OWNER_USER_NAME', g.owner),
  );
}

/** Where a group sits in a list document: root, RESPONSE, ASSET_GROUP_LIST, the group. */
const GROUP_DEPTH = 3;

/** Everything `ALL` shows. */
export const ALL_ATTRIBUTES: ReadonlySet<ShowAttribute> = new Set(SHOW_ATTRIBUTES);

/**
 * Each group's XML as the default and `ALL` show it, written once: a page was mostly rendering.
 * Keyed by the group object, which the store replaces whenever the database changes, so a change
 * is never missed. Other choices of attributes, fewer and rarer, are written each time.
 */
const written = { default: new WeakMap<AssetGroup, XmlElement>(), all: new WeakMap<AssetGroup, XmlElement>() };

function writtenGroup(g: AssetGroup, show: ReadonlySet<ShowAttribute>): XmlElement {
  const kept = show === DEFAULT_ATTRIBUTES ? written.default : show === ALL_ATTRIBUTES ? written.all : undefined;
  if (!kept) return groupElement(g, show);
  const node = kept.get(g) ?? prerender(groupElement(g, show), GROUP_DEPTH);
  kept.set(g, node);
  return node;
}

export interface GroupPage {
  echo?: RequestEcho;
  datetime: string;
  groups: readonly AssetGroup[];
  /** The attributes asked for; `ID` alone lists an ID_SET. */
  show: ReadonlySet<ShowAttribute>;
  nextUrl?: string;
  pageSize: number;
}

/** [Q] ASSET_GROUP_LIST_OUTPUT: RESPONSE with DATETIME, the groups (or their ID_SET) and the 1980 WARNING of a truncated list. */
export function groupListOutput(page: GroupPage): XmlDocumentSpec {
  const { groups, show } = page;
  const idsOnly = show.size === 1 && show.has('ID');
  let body: XmlElement | undefined;
  if (groups.length > 0) {
    body = idsOnly
      ? idSetElement(idSetOf(groups.map((g) => g.id)))
      : elOf(
          'ASSET_GROUP_LIST',
          groups.map((g) => writtenGroup(g, show)),
        );
  }
  return {
    dtdPath: GROUP_LIST_DTD,
    root: el('ASSET_GROUP_LIST_OUTPUT', requestElement(page.echo), el('RESPONSE', leaf('DATETIME', page.datetime), body, warning(page))),
  };
}

const leaves = (names: readonly string[]) => names.map((n) => `<!ELEMENT ${n} (#PCDATA)>`);

/**
 * [E] the list DTD, reconstructed from the ASSET_GROUP element structure a client quotes from
 * Qualys's DTD and the order a DTD-generated client model keeps (docs/fidelity.md §17).
 */
export function groupListDtd(): string {
  return dtdText('ASSET_GROUP_LIST_OUTPUT: /api/2.0/fo/asset/group/?action=list (Qualys API v2). [E] reconstructed.', [
    '<!ELEMENT ASSET_GROUP_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, (ASSET_GROUP_LIST|ID_SET)?, WARNING?)>',
    '<!ELEMENT ASSET_GROUP_LIST (ASSET_GROUP+)>',
    sequence('ASSET_GROUP', [
      'ID',
      'TITLE?',
      '(OWNER_ID|OWNER_USER_ID)?',
      '(UNIT_ID|OWNER_UNIT_ID)?',
      '(NETWORK_ID|NETWORK_IDS)?',
      'LAST_UPDATE?',
      'BUSINESS_IMPACT?',
      'CVSS_ENVIRO_CDP?',
      'CVSS_ENVIRO_TD?',
      'CVSS_ENVIRO_CR?',
      'CVSS_ENVIRO_IR?',
      'CVSS_ENVIRO_AR?',
      'DEFAULT_APPLIANCE_ID?',
      'APPLIANCE_IDS?',
      'IP_SET?',
      'DOMAIN_LIST?',
      'DNS_LIST?',
      'NETBIOS_LIST?',
      'EC2_IDS?',
      'HOST_IDS?',
      'ASSIGNED_USER_IDS?',
      'ASSIGNED_UNIT_IDS?',
      'COMMENTS?',
      'OWNER_USER_NAME?',
    ]),
    ...leaves([
      'ID',
      'TITLE',
      'OWNER_ID',
      'OWNER_USER_ID',
      'UNIT_ID',
      'OWNER_UNIT_ID',
      'NETWORK_ID',
      'NETWORK_IDS',
      'LAST_UPDATE',
      'BUSINESS_IMPACT',
      'CVSS_ENVIRO_CDP',
      'CVSS_ENVIRO_TD',
      'CVSS_ENVIRO_CR',
      'CVSS_ENVIRO_IR',
      'CVSS_ENVIRO_AR',
      'DEFAULT_APPLIANCE_ID',
      'APPLIANCE_IDS',
    ]),
    '<!ELEMENT IP_SET ((IP|IP_RANGE)+)>',
    '<!ELEMENT IP (#PCDATA)>',
    '<!ATTLIST IP network_id CDATA #IMPLIED>',
    '<!ELEMENT IP_RANGE (#PCDATA)>',
    '<!ATTLIST IP_RANGE network_id CDATA #IMPLIED>',
    '<!ELEMENT DOMAIN_LIST (DOMAIN+)>',
    '<!ELEMENT DOMAIN (#PCDATA)>',
    '<!ATTLIST DOMAIN netblock CDATA "" network_id CDATA #IMPLIED>',
    '<!ELEMENT DNS_LIST (DNS+)>',
    '<!ELEMENT DNS (#PCDATA)>',
    '<!ATTLIST DNS network_id CDATA "0">',
    '<!ELEMENT NETBIOS_LIST (NETBIOS+)>',
    '<!ELEMENT NETBIOS (#PCDATA)>',
    '<!ATTLIST NETBIOS network_id CDATA "0">',
    ...leaves(['EC2_IDS', 'HOST_IDS', 'ASSIGNED_USER_IDS', 'ASSIGNED_UNIT_IDS', 'COMMENTS', 'OWNER_USER_NAME']),
    ...ID_SET_DTD,
    ...WARNING_DTD,
  ]);
}
