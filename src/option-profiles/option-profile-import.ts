import { qualysErrors } from '../qualys/errors.js';
import { readXml, XmlReadError, type XmlNode } from '../qualys/xml-reader.js';
import { DEFAULT_SETTINGS, PORT_SCOPES, PROFILE_TYPES, type OptionProfile, type ProfileSettings, type ProfileType } from './option-profile.js';

/** A profile to add, from a seed entry or an imported document. */
export type NewProfile = Pick<OptionProfile, 'title' | 'type' | 'isDefault' | 'isGlobal'> & { settings: ProfileSettings };

/** [E] an export of a subscription's profiles is tens of them, each a few hundred elements. */
const LIMITS = { maxDepth: 16, maxElements: 100_000 };

/** The text at a `/`-separated path below `node`, trimmed; undefined when an element is missing. */
function textAt(node: XmlNode, path: string): string | undefined {
  let current: XmlNode | undefined = node;
  for (const name of path.split('/')) current = current?.children.find((c) => c.name === name);
  return current?.text.trim();
}

/** One of `allowed`, matched without case, or the default when absent or empty; a 1905 otherwise. */
function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, element: string): T {
  if (value === undefined || value === '') return fallback;
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (found === undefined) throw qualysErrors.badBody(`${element} must be one of: ${allowed.join(', ')}`);
  return found;
}

/** One OPTION_PROFILE as a profile to add: [Q] the elements an export writes, [E] the ones read. */
function profileOf(node: XmlNode, index: number): NewProfile {
  const title = textAt(node, 'BASIC_INFO/GROUP_NAME');
  if (!title) throw qualysErrors.badBody(`OPTION_PROFILE ${index + 1} has no BASIC_INFO/GROUP_NAME`);
  if ([...title].length > 64) throw qualysErrors.badBody(`OPTION_PROFILE ${index + 1}: GROUP_NAME is longer than 64 characters`);
  const scan = node.children.find((c) => c.name === 'SCAN');
  const detection = scan?.children.find((c) => c.name === 'VULNERABILITY_DETECTION');
  const authentication = scan && textAt(scan, 'AUTHENTICATION');
  return {
    title,
    type: oneOf(textAt(node, 'BASIC_INFO/GROUP_TYPE'), PROFILE_TYPES, 'user' as ProfileType, 'GROUP_TYPE'),
    isDefault: textAt(node, 'BASIC_INFO/IS_DEFAULT') === '1',
    isGlobal: textAt(node, 'BASIC_INFO/IS_GLOBAL') === '1',
    settings: {
      tcpPorts: oneOf(scan && textAt(scan, 'PORTS/TCP_PORTS/TCP_PORTS_TYPE'), PORT_SCOPES, DEFAULT_SETTINGS.tcpPorts, 'TCP_PORTS_TYPE'),
      udpPorts: oneOf(scan && textAt(scan, 'PORTS/UDP_PORTS/UDP_PORTS_TYPE'), PORT_SCOPES, DEFAULT_SETTINGS.udpPorts, 'UDP_PORTS_TYPE'),
      performance: oneOf(
        scan && textAt(scan, 'PERFORMANCE/OVERALL_PERFORMANCE'),
        ['high', 'normal', 'low', 'custom'],
        DEFAULT_SETTINGS.performance,
        'OVERALL_PERFORMANCE',
      ),
      detection: detection?.children.some((c) => c.name === 'RUNTIME') ? 'runtime' : 'complete',
      authentication: authentication
        ? authentication
            .split(',')
            .map((a) => a.trim())
            .filter((a) => a !== '')
        : [],
    },
  };
}

/**
 * [Q] import takes the OPTION_PROFILES document an export answers, as the body (Qualys's
 * migration tool posts one back). [E] Anything else, or a document this reader refuses, is a
 * 1905 before anything is added; elements the emulator does not keep are ignored.
 */
export function readImport(xmlBody: string | undefined): NewProfile[] {
  if (xmlBody === undefined || xmlBody.trim() === '')
    throw qualysErrors.badBody('an import takes an OPTION_PROFILES document as its body (Content-Type: text/xml)');
  let doc: XmlNode;
  try {
    doc = readXml(xmlBody, LIMITS);
  } catch (err) {
    if (err instanceof XmlReadError) throw qualysErrors.badBody(err.message);
    throw err;
  }
  if (doc.name !== 'OPTION_PROFILES') throw qualysErrors.badBody(`the document is ${doc.name}, not OPTION_PROFILES`);
  const profiles = doc.children.filter((c) => c.name === 'OPTION_PROFILE').map(profileOf);
  if (profiles.length === 0) throw qualysErrors.badBody('the document holds no OPTION_PROFILE');
  return profiles;
}
