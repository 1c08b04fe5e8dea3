import { openDatabase } from '../src/db/open.js';
import { RecordStore } from '../src/auth-records/record-store.js';
import { dockerType } from '../src/auth-records/types/docker.js';
import { qualysDateTime } from '../src/qualys/envelopes.js';
import { AssetIpStore } from '../src/asset-ips/asset-ip-store.js';
import { INITIAL_ATTRIBUTES } from '../src/asset-ips/ip-attributes.js';
import { GroupStore } from '../src/asset-groups/group-store.js';
import { KbStore } from '../src/knowledge-base/kb-store.js';
import { generateKbEntry } from '../src/knowledge-base/kb-generator.js';
import { writtenForms } from '../src/knowledge-base/kb-output.js';

/** The IPv4 address with number `n` in 10.0.0.0/8, one per record. */
export const ipOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
/** `ipOf(n)` as the number IP sets hold. */
export const addressOf = (n: number) => (10 << 24) + n;

/** Fills a database file with `count` Docker records in one transaction, through the store. */
export function seedDocker(path: string, count: number): void {
  const database = openDatabase(path);
  try {
    const store = new RecordStore(database);
    const now = qualysDateTime();
    store.transaction(() => {
      for (let n = 1; n <= count; n++) {
        store.insert({
          type: dockerType.name,
          title: `seed-${n}`,
          comments: 'seeded by npm run bench',
          fields: { docker_command: '/usr/bin/docker' },
          ips: [[addressOf(n), addressOf(n)]],
          createdAt: now,
          createdBy: 'bench',
          modifiedAt: now,
        });
      }
    });
  } finally {
    database.close();
  }
}

/** Puts `count` subscription IPs in a database file, two apart so that each is a run of its own. */
export function seedSubscriptionIps(path: string, count: number): void {
  const db = openDatabase(path);
  try {
    const store = new AssetIpStore(db);
    const runs = Array.from({ length: count }, (_, i) => ({
      networkId: 0,
      lo: addressOf(2 * i),
      hi: addressOf(2 * i),
      attributes: { ...INITIAL_ATTRIBUTES, enable_vm: '1' },
    }));
    store.transaction(() => store.replace([], runs));
  } finally {
    db.close();
  }
}

/** Fills a database file with `count` asset groups of one address each, in one transaction, through the store. */
export function seedGroups(path: string, count: number): void {
  const db = openDatabase(path);
  try {
    const store = new GroupStore(db);
    const now = qualysDateTime();
    store.transaction(() => {
      for (let n = 1; n <= count; n++) {
        store.insert({
          title: `group-${n}`,
          networkId: 0,
          owner: 'bench',
          ips: [[addressOf(n), addressOf(n)]],
          domains: [],
          dnsNames: [],
          netbiosNames: [],
          applianceIds: [],
          fields: { comments: 'seeded by npm run bench' },
          createdAt: now,
          lastUpdate: now,
        });
      }
    });
  } finally {
    db.close();
  }
}

/** The first QID `seedKnowledgeBase` fills: the entries are FIRST_QID to FIRST_QID + count - 1. */
export const FIRST_QID = 10_001;

/** Fills a database file with `count` generated KnowledgeBase entries (seed 1) in one transaction, through the store. */
export function seedKnowledgeBase(path: string, count: number): void {
  const db = openDatabase(path);
  try {
    const store = new KbStore(db);
    store.transaction(() => {
      for (let qid = FIRST_QID; qid < FIRST_QID + count; qid++) {
        const entry = generateKbEntry(qid, 1);
        store.insert(entry, writtenForms(entry));
      }
    });
  } finally {
    db.close();
  }
}
