import { dtdText, sequence } from '../qualys/dtd-text.js';
import { cdataLeaf, el, leaf, elOf, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import type { OptionProfile } from './option-profile.js';

/** [Q] the DTD's name (option_profile_info.dtd, as a client quotes it); [E] its place under the endpoint. */
export const OPTION_PROFILES_DTD = '/api/2.0/fo/subscription/option_profile/option_profile_info.dtd';

/** [E] the one subscription the emulator holds. */
const SUBSCRIPTION_ID = '1';

const flag = (name: string, on: boolean) => leaf(name, on ? '1' : '0');
const capital = (word: string) => word[0].toUpperCase() + word.slice(1);

function profileElement(p: OptionProfile): XmlElement {
  const s = p.settings;
  return el(
    'OPTION_PROFILE',
    el(
      'BASIC_INFO',
      leaf('ID', String(p.id)),
      cdataLeaf('GROUP_NAME', p.title),
      leaf('GROUP_TYPE', p.type),
      cdataLeaf('USER_ID', p.owner),
      leaf('UNIT_ID', '0'),
      leaf('SUBSCRIPTION_ID', SUBSCRIPTION_ID),
      flag('IS_DEFAULT', p.isDefault),
      flag('IS_GLOBAL', p.isGlobal),
      flag('IS_OFFLINE_SYNCABLE', false),
      leaf('UPDATE_DATE', p.updatedAt),
    ),
    el(
      'SCAN',
      el(
        'PORTS',
        el('TCP_PORTS', leaf('TCP_PORTS_TYPE', s.tcpPorts), flag('THREE_WAY_HANDSHAKE', false)),
        el('UDP_PORTS', leaf('UDP_PORTS_TYPE', s.udpPorts)),
        flag('AUTHORITATIVE_OPTION', false),
      ),
      flag('SCAN_DEAD_HOSTS', false),
      el('CLOSE_VULNERABILITIES', flag('HAS_CLOSE_VULNERABILITIES', false)),
      flag('PURGE_OLD_HOST_OS_CHANGED', false),
      el(
        'PERFORMANCE',
        flag('PARALLEL_SCALING', false),
        leaf('OVERALL_PERFORMANCE', capital(s.performance)),
        el('HOSTS_TO_SCAN', leaf('EXTERNAL_SCANNERS', '15'), leaf('SCANNER_APPLIANCES', '30')),
        el('PROCESSES_TO_RUN', leaf('TOTAL_PROCESSES', '10'), leaf('HTTP_PROCESSES', '10')),
        leaf('PACKET_DELAY', 'Medium'),
        leaf('PORT_SCANNING_AND_HOST_DISCOVERY', 'Normal'),
      ),
      flag('LOAD_BALANCER_DETECTION', false),
      el(
        'VULNERABILITY_DETECTION',
        leaf(s.detection === 'runtime' ? 'RUNTIME' : 'COMPLETE', ''),
        el('DETECTION_INCLUDE', flag('BASIC_HOST_INFO_CHECKS', true), flag('OVAL_CHECKS', false)),
      ),
      leaf('AUTHENTICATION', s.authentication.join(',')),
    ),
    el('ADDITIONAL', el('HOST_DISCOVERY', el('TCP_PORTS', flag('STANDARD_SCAN', true)), el('UDP_PORTS', flag('STANDARD_SCAN', true)), flag('ICMP', true))),
  );
}

/** [Q] OPTION_PROFILES: the profiles, no RESPONSE wrapper and no DATETIME (the list and export pages). */
export function optionProfilesOutput(profiles: readonly OptionProfile[]): XmlDocumentSpec {
  return { dtdPath: OPTION_PROFILES_DTD, root: elOf('OPTION_PROFILES', profiles.map(profileElement)) };
}

const leaves = (names: readonly string[]) => names.map((n) => `<!ELEMENT ${n} (#PCDATA)>`);

/**
 * [E] Qualys's option_profile_info.dtd reduced to the elements the emulator writes: each content
 * model keeps Qualys's order, with the elements it never writes left out.
 */
export function optionProfilesDtd(): string {
  return dtdText('OPTION_PROFILES: option profile list and export (Qualys API v2). [E] a reduction of option_profile_info.dtd.', [
    '<!ELEMENT OPTION_PROFILES (OPTION_PROFILE*)>',
    '<!ELEMENT OPTION_PROFILE (BASIC_INFO, SCAN, ADDITIONAL)>',
    sequence('BASIC_INFO', [
      'ID',
      'GROUP_NAME',
      'GROUP_TYPE',
      'USER_ID',
      'UNIT_ID',
      'SUBSCRIPTION_ID',
      'IS_DEFAULT?',
      'IS_GLOBAL?',
      'IS_OFFLINE_SYNCABLE?',
      'UPDATE_DATE?',
    ]),
    ...leaves(['ID', 'GROUP_NAME', 'GROUP_TYPE', 'USER_ID', 'UNIT_ID', 'SUBSCRIPTION_ID', 'IS_DEFAULT', 'IS_GLOBAL', 'IS_OFFLINE_SYNCABLE', 'UPDATE_DATE']),
    sequence('SCAN', [
      'PORTS?',
      'SCAN_DEAD_HOSTS?',
      'CLOSE_VULNERABILITIES?',
      'PURGE_OLD_HOST_OS_CHANGED?',
      'PERFORMANCE?',
      'LOAD_BALANCER_DETECTION?',
      'VULNERABILITY_DETECTION?',
      'AUTHENTICATION?',
    ]),
    '<!ELEMENT PORTS (TCP_PORTS?, UDP_PORTS?, AUTHORITATIVE_OPTION?)>',
    '<!ELEMENT TCP_PORTS (TCP_PORTS_TYPE?, THREE_WAY_HANDSHAKE?, STANDARD_SCAN?)>',
    '<!ELEMENT UDP_PORTS (UDP_PORTS_TYPE?, STANDARD_SCAN?)>',
    ...leaves(['TCP_PORTS_TYPE', 'THREE_WAY_HANDSHAKE', 'UDP_PORTS_TYPE', 'STANDARD_SCAN', 'AUTHORITATIVE_OPTION', 'SCAN_DEAD_HOSTS']),
    '<!ELEMENT CLOSE_VULNERABILITIES (HAS_CLOSE_VULNERABILITIES?)>',
    ...leaves(['HAS_CLOSE_VULNERABILITIES', 'PURGE_OLD_HOST_OS_CHANGED']),
    sequence('PERFORMANCE', [
      'PARALLEL_SCALING?',
      'OVERALL_PERFORMANCE',
      'HOSTS_TO_SCAN',
      'PROCESSES_TO_RUN',
      'PACKET_DELAY',
      'PORT_SCANNING_AND_HOST_DISCOVERY',
    ]),
    ...leaves(['PARALLEL_SCALING', 'OVERALL_PERFORMANCE']),
    '<!ELEMENT HOSTS_TO_SCAN (EXTERNAL_SCANNERS, SCANNER_APPLIANCES)>',
    ...leaves(['EXTERNAL_SCANNERS', 'SCANNER_APPLIANCES']),
    '<!ELEMENT PROCESSES_TO_RUN (TOTAL_PROCESSES, HTTP_PROCESSES)>',
    ...leaves(['TOTAL_PROCESSES', 'HTTP_PROCESSES', 'PACKET_DELAY', 'PORT_SCANNING_AND_HOST_DISCOVERY', 'LOAD_BALANCER_DETECTION']),
    '<!ELEMENT VULNERABILITY_DETECTION ((COMPLETE|RUNTIME), DETECTION_INCLUDE?)>',
    ...leaves(['COMPLETE', 'RUNTIME']),
    '<!ELEMENT DETECTION_INCLUDE (BASIC_HOST_INFO_CHECKS, OVAL_CHECKS)>',
    ...leaves(['BASIC_HOST_INFO_CHECKS', 'OVAL_CHECKS', 'AUTHENTICATION']),
    '<!ELEMENT ADDITIONAL (HOST_DISCOVERY)>',
    '<!ELEMENT HOST_DISCOVERY (TCP_PORTS?, UDP_PORTS?, ICMP?)>',
    ...leaves(['ICMP']),
  ]);
}
