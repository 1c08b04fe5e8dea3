import type { SubscriptionIps } from '../asset-ips/subscription-ips.js';
import type { KnowledgeBase } from '../knowledge-base/family.js';
import { formatAddress } from '../qualys/ip-set.js';
import type { NewHost, StoredHost } from './host.js';
import { storedXml } from './host-xml.js';
import { FIRST_GENERATED_IP, generatedHost, qidPool } from './host-generator.js';
import type { HostStore } from './host-store.js';

/**
 * [E] The most hosts one generation makes (about 80 s for 100,000 hosts of twenty detections, some
 * gigabytes of database), so that a call's work stays bounded.
 */
export const MAX_GENERATED = 200_000;
/** [E] Hosts written in one step of a generation: about a tenth of a second of work. */
const STEP = 200;
/** Host N of a generation is at 10.0.0.0 + N: 10.255.255.254 is the last. */
const LAST_GENERATED_ID = 2 ** 24 - 2;

/** What a generation made. */
export interface Generated {
  seed: number;
  hosts: number;
  detections: number;
  first_id: number;
  last_id: number;
  /** The QIDs its detections draw from. */
  qids: number[];
  /** KnowledgeBase entries made for the QIDs its detections name that the KnowledgeBase lacked. */
  kb_entries_added: number;
}

/**
 * The rules between hosts and the rest of the subscription: [E] a host's IP must be one of the
 * subscription's (the asset IPs'), as a scanned host's is in Qualys; a generation adds its IPs.
 */
export class HostService {
  /** Grows at each reset; a generation that sees it change stops. */
  private epoch = 0;

  constructor(
    private readonly store: HostStore,
    private readonly ips: SubscriptionIps,
    private readonly knowledgeBase: KnowledgeBase,
  ) {}

  /** Creates a host (inside the seed's transaction); `refuse` names the entry. */
  create(host: NewHost, refuse: (message: string) => never): number {
    if (this.ips.missing([[host.ip, host.ip]]).length > 0) {
      refuse(`ip ${formatAddress(host.ip)} is not in the subscription: add it in the document's ips section`);
    }
    if (host.id !== undefined && this.store.has(host.id)) refuse(`id ${host.id} is the ID of another host`);
    return this.store.insert(this.stored(host, this.store.lastDetectionId() + 1));
  }

  /** The host with its detections' IDs from `firstId` on and their DETECTION elements written. */
  private stored(host: NewHost, firstId: number): StoredHost {
    return {
      ...host,
      detections: host.detections.map((d, i) => {
        const withId = { ...d, unique_vuln_id: firstId + i };
        return { ...withId, xml: storedXml(withId) };
      }),
    };
  }

  /**
   * Makes `count` hosts of the subscription `seed` describes, with IDs after the highest held,
   * adding their IPs to the subscription (VM enabled) and a KnowledgeBase entry for each QID their
   * detections name that it lacks. [E] Written a step of STEP hosts at a time, each its own
   * transaction, so the server answers other calls between steps rather than wait the minute a
   * large generation takes; a reset while it runs stops it (`stopped`).
   */
  async generate(seed: number, count: number, refuse: (message: string) => never): Promise<Generated> {
    const qids = qidPool(seed);
    const first = this.store.lastId() + 1;
    if (first + count - 1 > LAST_GENERATED_ID) refuse(beyondLast(first + count - 1));
    const epoch = this.epoch;
    let made = 0;
    let detections = 0;
    let added = 0;
    let last = first - 1;
    while (made < count) {
      const step = Math.min(STEP, count - made);
      const written = this.store.transaction(() => {
        // hosts seeded between two steps take the IDs they find, and this step the ones after
        const from = this.store.lastId() + 1;
        const to = from + step - 1;
        if (to > LAST_GENERATED_ID) refuse(`${beyondLast(to)} (after ${made} hosts made)`);
        this.ips.add([[FIRST_GENERATED_IP + from - 1, FIRST_GENERATED_IP + to - 1]], 0, { enable_vm: '1', tracking_method: 'IP' });
        const firstDetection = this.store.lastDetectionId() + 1;
        let stepDetections = 0;
        const named = new Set<number>();
        for (let id = from; id <= to; id++) {
          const host = generatedHost(seed, id, qids);
          this.store.insert(this.stored(host, firstDetection + stepDetections));
          stepDetections += host.detections.length;
          for (const d of host.detections) named.add(d.qid);
        }
        // made-up entries, the same for the same seed, for every QID a detection names
        return { to, detections: stepDetections, added: this.knowledgeBase.addGenerated(named, seed) };
      });
      made += step;
      detections += written.detections;
      added += written.added;
      last = written.to;
      await this.store.settled();
      if (made < count) await new Promise((resolve) => setImmediate(resolve));
      if (this.epoch !== epoch) throw new GenerationStopped(made);
    }
    return { seed, hosts: count, detections, first_id: first, last_id: last, qids, kb_entries_added: added };
  }

  /** Called on reset: a generation running stops before its next step. */
  stopGenerations(): void {
    this.epoch++;
  }
}

/** A generation a reset stopped, after `made` hosts. */
export class GenerationStopped extends Error {
  constructor(readonly made: number) {
    super(`the emulator was reset while generating: stopped after ${made} hosts`);
  }
}

const beyondLast = (id: number) => `the hosts would reach ID ${id}, past ${LAST_GENERATED_ID}: generated hosts' IPs are 10.0.0.1 onwards, one per ID`;
