import type { ApiFamily } from '../api-family.js';
import type { GroupDirectory } from '../asset-groups/group-directory.js';
import type { SubscriptionIps } from '../asset-ips/subscription-ips.js';
import type { KnowledgeBase } from '../knowledge-base/family.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { detectionDtd, hostEndpoints, hostListDtd } from './host-endpoints.js';
import { HOST_API_VERSIONS, HOST_VERSIONS } from './host-versions.js';
import { readSeedHost } from './host-seed.js';
import { GenerationStopped, HostService, MAX_GENERATED } from './host-service.js';
import { HostStore } from './host-store.js';
import { storedDetectionForms } from './stored-detections.js';
import { hostsDashboard } from './hosts-view.js';
import { hostDetections, type HostDetections } from './host-detections.js';

/**
 * What hosts take from other families: the subscription's IPs, the asset groups `ag_ids` and
 * `ag_titles` name, the KnowledgeBase, which a generation fills with the QIDs it uses, and the
 * networks a seeded host's `network_id` names.
 */
export interface HostLinks {
  subscriptionIps: SubscriptionIps;
  networks: NetworkDirectory;
  assetGroups: GroupDirectory;
  knowledgeBase: KnowledgeBase;
}

/** A host of a seed document: its fields named as the list elements, lower-case, with `detections` and [E] `network_id`. */
export interface SeedHost {
  ip: string;
  detections?: Record<string, string | number | undefined>[];
  tags?: { tag_id: number; name: string }[];
  [field: string]: unknown;
}

/** The seed and count of a generation (the admin API, the handle, `--generate-hosts`). */
export interface HostGeneration {
  seed: number;
  count: number;
}

/** [E] A generation's JSON, checked. */
function readGeneration(body: Readonly<Record<string, unknown>>, refuse: (message: string) => never): HostGeneration {
  for (const name of Object.keys(body)) if (name !== 'seed' && name !== 'count') refuse(`no such field: ${name} (fields: seed, count)`);
  const { seed, count } = body;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) refuse('seed must be an integer from 0 to 4294967295');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_GENERATED)
    refuse(`count must be an integer from 0 to ${MAX_GENERATED}`);
  return { seed: seed as number, count: count as number };
}

/**
 * [Q] The host list (/api/X/fo/asset/host/) and host detections (/api/X/fo/asset/host/vm/detection/)
 * of every API version clients call, their pages streamed from SQLite; the hosts' IPs are the
 * subscription's. Seeded (`hosts`) or generated (`/_emulator/hosts/generate`).
 */
export const hostsFamily: ApiFamily<HostLinks, { hostDetections: HostDetections }> = {
  name: 'hosts',
  callers: 'authenticated',
  secrets: [],
  dtds: HOST_API_VERSIONS.flatMap((v) => [
    { url: hostListDtd(v), file: HOST_VERSIONS[v].hostListDtdFile },
    { url: detectionDtd(v), file: HOST_VERSIONS[v].detectionDtdFile },
  ]),
  docs: [],
  build({ database, settings, links }) {
    const store = new HostStore(database);
    const service = new HostService(store, links.subscriptionIps, links.knowledgeBase);
    const sources = { groups: links.assetGroups, oses: () => store.oses(), complianceIps: () => links.subscriptionIps.complianceIps() };
    return {
      endpoints: hostEndpoints({
        store,
        sources,
        cvss: (qids) => links.knowledgeBase.cvss(qids),
        networkName: (id) => links.networks.nameOf(id),
        get pageSize() {
          return settings.pageSize;
        },
      }),
      seed: {
        field: 'hosts',
        answer: 'host_ids',
        create: (entry, _user, now) => service.create(readSeedHost(entry, now, links.networks), (message) => entry.refuse(`${entry.where}: ${message}`)),
      },
      dashboard: hostsDashboard(store, sources, () => settings.pageSize),
      reset: () => service.stopGenerations(),
      storedForms: storedDetectionForms(store),
      controls: [
        {
          path: 'hosts/generate',
          async run(body, refuse) {
            const { seed, count } = readGeneration(body, refuse);
            try {
              return await service.generate(seed, count, refuse);
            } catch (err) {
              // some hosts were made: not a 400, which says nothing changed
              if (err instanceof GenerationStopped) refuse(err.message, 409);
              throw err;
            }
          },
        },
      ],
      offers: { hostDetections: hostDetections(store) },
    };
  },
};
