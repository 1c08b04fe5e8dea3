import type { GroupDirectory, GroupIps } from '../asset-groups/group-directory.js';
import { MAX_ID } from '../qualys/id-set.js';
import type { XmlElement } from '../qualys/xml.js';
import type { HostRow } from './host.js';
import { detectionPlaceWriter, groupGlossary } from './host-group-xml.js';

/**
 * The asset groups of hosts, as the lists write them: a host belongs to the groups whose IPs hold
 * its IP [Q]; the asset groups family gives them through its GroupDirectory.
 */

/** The groups of each host of a chunk, by host ID; each host's by group ID. */
type ChunkGroups = (hosts: readonly HostRow[]) => Map<number, GroupIps[]>;

/**
 * Each host's groups, a chunk of hosts at a time. [E] Groups are read once per call: a group changed
 * while a long answer streams shows from the next call on. Each range of each group is looked up
 * among the chunk's hosts sorted by IP (a binary search), so a chunk costs its ranges' count times
 * log of its hosts, plus what it finds, rather than every group for every host.
 */
export function groupsOfHosts(groups: GroupDirectory): ChunkGroups {
  const all = groups.byIds([[1, MAX_ID]]).sort((a, b) => a.id - b.id);
  return (hosts) => {
    const byIp = [...hosts].sort((a, b) => a.ip - b.ip);
    const found = new Map<number, GroupIps[]>(hosts.map((h) => [h.id, []]));
    for (const g of all)
      for (const [lo, hi] of g.ips) {
        // the first host at or above lo; a group's ranges are disjoint, so a host is found once a group
        let i = 0;
        for (let end = byIp.length; i < end; ) {
          const mid = (i + end) >>> 1;
          if (byIp[mid].ip < lo) i = mid + 1;
          else end = mid;
        }
        for (; i < byIp.length && byIp[i].ip <= hi; i++) found.get(byIp[i].id)!.push(g);
      }
    return found;
  };
}

/** What a HOST holds after TRACKING_METHOD, for each host of a chunk. */
export type ChunkPlace = (hosts: readonly HostRow[]) => (h: HostRow) => XmlElement[];

/** The v5.0 detection HOST's groups and network (host-group-xml.ts), a chunk at a time. */
export function detectionPlaces(groups: GroupDirectory, networkName: (id: number) => string | undefined): ChunkPlace {
  const groupsOf = groupsOfHosts(groups);
  const write = detectionPlaceWriter(networkName);
  return (hosts) => {
    const found = groupsOf(hosts);
    const writeChunk = write();
    return (h) => writeChunk(h, found.get(h.id) ?? []);
  };
}

/**
 * The GLOSSARY of a host list page with `/AGs`: the groups its hosts' ASSET_GROUP_IDS name, once
 * each, by ID [Q: the DTD as qualyspy models it, `GLOSSARY (ASSET_GROUP_LIST?)`].
 */
export class GroupGlossary {
  /** The groups of the hosts noted before the last, by ID: the glossary holds groups, not hosts. */
  private readonly groups = new Map<number, GroupIps>();
  /** The last host noted, kept apart: it may be the next page's first, read but not written. */
  private last: { hostId: number; groups: readonly GroupIps[] } | undefined;

  /** Notes a host written with its groups, which it answers. */
  note(hostId: number, groups: readonly GroupIps[]): readonly GroupIps[] {
    if (this.last) for (const g of this.last.groups) this.groups.set(g.id, g);
    this.last = { hostId, groups };
    return groups;
  }

  /**
   * The GLOSSARY, none when no host is in a group. `next`: the first host of the next page, read
   * to learn it exists but not written on this one.
   */
  element(next: number | undefined): XmlElement | undefined {
    const groups = new Map(this.groups);
    if (this.last && this.last.hostId !== next) for (const g of this.last.groups) groups.set(g.id, g);
    if (groups.size === 0) return undefined;
    return groupGlossary([...groups.values()].sort((a, b) => a.id - b.id));
  }
}
