/** The asset groups and network as the lists write them: the host list's, the v5.0 detection HOST's. */

import type { GroupIps } from '../asset-groups/group-directory.js';
import { cdataLeaf, el, elOf, leaf, prerender, type XmlElement } from '../qualys/xml.js';
import type { HostRow } from './host.js';
import { DETECTION_DEPTH } from './host-xml.js';

/** [Q: DC host list sample 2] ASSET_GROUP_IDS: the IDs of the host's groups, comma-separated; [E] none, no element. */
export function assetGroupIds(groups: readonly GroupIps[]): XmlElement | undefined {
  return groups.length === 0 ? undefined : leaf('ASSET_GROUP_IDS', groups.map((g) => g.id).join(','));
}

/** A group as the host list's GLOSSARY writes it [Q: the DTD as qualyspy models it]: ID, then TITLE. */
const assetGroupElement = (g: GroupIps): XmlElement => el('ASSET_GROUP', leaf('ID', String(g.id)), cdataLeaf('TITLE', g.title));

/** [Q: the DTD as qualyspy models it, `GLOSSARY (ASSET_GROUP_LIST?)`] a host list page's GLOSSARY of `groups`, by ID. */
export const groupGlossary = (groups: readonly GroupIps[]): XmlElement => el('GLOSSARY', elOf('ASSET_GROUP_LIST', groups.map(assetGroupElement)));

/**
 * The v5.0 detection HOST's elements after TRACKING_METHOD, for one answer: ASSET_GROUP_LIST
 * (empty when the host is in no group, as the sample shows), NETWORK_ID and NETWORK_NAME (`networkName`,
 * read once a network an answer; [E] none for an ID of no network). [E] Each
 * group an ASSET_GROUP of ID and TITLE, as the host list's GLOSSARY writes groups. Each group is
 * written once an answer, and each list of groups once a chunk (`chunk()` for each), shared by the
 * chunk's hosts in the same groups: a page's bytes are copied, not rendered per host.
 */
export function detectionPlaceWriter(networkName: (id: number) => string | undefined): () => (h: HostRow, groups: readonly GroupIps[]) => XmlElement[] {
  const written = new Map<number, XmlElement>();
  const names = new Map<number, string | undefined>();
  const nameOf = (id: number) => {
    if (!names.has(id)) names.set(id, networkName(id));
    return names.get(id);
  };
  const groupElement = (g: GroupIps) => {
    const e = written.get(g.id) ?? prerender(assetGroupElement(g), DETECTION_DEPTH);
    written.set(g.id, e);
    return e;
  };
  return () => {
    const lists = new Map<string, XmlElement>();
    return (h, groups) => {
      const key = groups.map((g) => g.id).join(',');
      const list = lists.get(key) ?? prerender(elOf('ASSET_GROUP_LIST', groups.map(groupElement)), DETECTION_DEPTH - 1);
      lists.set(key, list);
      const name = nameOf(h.network_id);
      return [list, leaf('NETWORK_ID', String(h.network_id)), ...(name === undefined ? [] : [leaf('NETWORK_NAME', name)])];
    };
  };
}
