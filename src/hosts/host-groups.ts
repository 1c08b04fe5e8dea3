import type { GroupDirectory, GroupIps } from '../asset-groups/group-directory.js';
import { MAX_ID } from '../qualys/id-set.js';
import { contains } from '../qualys/interval-set.js';
import { cdataLeaf, el, elOf, leaf, type XmlElement } from '../qualys/xml.js';
import type { HostRow } from './host.js';

/**
 * The asset groups of hosts, as the lists write them: a host belongs to the groups whose IPs hold
 * its IP [Q]; the asset groups family gives them through its GroupDirectory.
 */

/**
 * Each host's groups, by ID. [E] Read once per call: a group changed while a long answer streams
 * shows from the next call on.
 */
export function groupsOfHosts(groups: GroupDirectory): (h: HostRow) => GroupIps[] {
  const all = groups.byIds([[1, MAX_ID]]);
  return (h) => all.filter((g) => contains(g.ips, h.ip));
}

/** [S: DC host list sample 2] ASSET_GROUP_IDS: the IDs of the host's groups, comma-separated; [E] none, no element. */
export function assetGroupIds(groups: readonly GroupIps[]): XmlElement | undefined {
  return groups.length === 0 ? undefined : leaf('ASSET_GROUP_IDS', groups.map((g) => g.id).join(','));
}

/** A group as the host list's GLOSSARY writes it [C: the DTD as qualyspy models it]: ID, then TITLE. */
export const assetGroupElement = (g: GroupIps): XmlElement => el('ASSET_GROUP', leaf('ID', String(g.id)), cdataLeaf('TITLE', g.title));

/**
 * The GLOSSARY of a host list page with `/AGs`: the groups its hosts' ASSET_GROUP_IDS name, once
 * each, by ID [C: the DTD as qualyspy models it, `GLOSSARY (ASSET_GROUP_LIST?)`].
 */
export class GroupGlossary {
  private readonly byHost = new Map<number, readonly GroupIps[]>();

  /** Notes a host written with its groups, which it answers. */
  note(hostId: number, groups: readonly GroupIps[]): readonly GroupIps[] {
    this.byHost.set(hostId, groups);
    return groups;
  }

  /**
   * The GLOSSARY, none when no host is in a group. `next`: the first host of the next page, read
   * to learn it exists but not written on this one.
   */
  element(next: number | undefined): XmlElement | undefined {
    const groups = new Map<number, GroupIps>();
    for (const [hostId, list] of this.byHost) if (hostId !== next) for (const g of list) groups.set(g.id, g);
    if (groups.size === 0) return undefined;
    const sorted = [...groups.values()].sort((a, b) => a.id - b.id);
    return el('GLOSSARY', elOf('ASSET_GROUP_LIST', sorted.map(assetGroupElement)));
  }
}
