import type { ApiFamily } from '../api-family.js';
import type { BundledDtd } from '../qualys/bundled-dtd.js';
import { readKbEntry, type KbEntry, type Refuse } from './kb-entry.js';
import { kbEndpoint } from './kb-endpoint.js';
import { kbStoredForms } from './kb-forms.js';
import { generateKbEntry } from './kb-generator.js';
import { kbDtdPath, kbListDtd, writtenForms } from './kb-output.js';
import { KbStore } from './kb-store.js';
import { KB_API_VERSIONS, KB_VERSIONS } from './kb-versions.js';
import { kbDashboard } from './kb-view.js';
import { kbCvss, type KbCvss } from './kb-cvss.js';

/** An entry of a seed's `knowledge_base` section: the VULN's elements in lower case (docs/controls.md). */
export interface SeedKbEntry {
  qid: number | string;
  [field: string]: unknown;
}

/** What the KnowledgeBase offers later families: a generated subscription's entries go in through it. */
export interface KnowledgeBase {
  has(qid: number): boolean;
  /**
   * Checks `entry` as a seed's and adds it, inside the caller's write (a seed's transaction);
   * a QID already there is refused too, through `refuse` (by default, an Error).
   */
  add(entry: unknown, now: string, refuse?: Refuse, where?: string): number;
  /** Adds `generateKbEntry(qid, seed)` for each QID not there yet, inside the caller's write; answers how many. */
  addGenerated(qids: Iterable<number>, seed: number): number;
  /** The CVSS of each entry of `qids` that has one. */
  cvss(qids: readonly number[]): ReadonlyMap<number, KbCvss>;
}

const fail: Refuse = (message) => {
  throw new Error(message);
};

/** Each version's DTD, at the path its DOCTYPE names (kb-versions.ts). */
const DTDS: BundledDtd[] = KB_API_VERSIONS.map((v) => ({ url: kbDtdPath(v), file: KB_VERSIONS[v].dtdFile, write: () => kbListDtd(v) }));

/** [Q] The KnowledgeBase (/api/{2.0,3.0,4.0}/fo/knowledge_base/vuln/): list; entries come from seeds. */
export const knowledgeBaseFamily: ApiFamily<object, { knowledgeBase: KnowledgeBase }> = {
  name: 'knowledge-base',
  callers: 'authenticated',
  secrets: [],
  dtds: DTDS,
  docs: [],
  build({ database, settings }) {
    const store = new KbStore(database);
    const knowledgeBase: KnowledgeBase = {
      has: (qid) => store.has(qid),
      cvss(qids) {
        const out = new Map<number, KbCvss>();
        for (const { qid, v3, v2 } of store.cvss(qids)) {
          const cvss = kbCvss(v3, v2);
          if (cvss !== undefined) out.set(qid, cvss);
        }
        return out;
      },
      add: (value, now, refuse = fail, where = 'knowledge_base entry') => insert(readKbEntry(value, now, where, refuse), where, refuse),
      addGenerated(qids, seed) {
        let added = 0;
        for (const qid of new Set(qids)) {
          if (store.has(qid)) continue;
          const entry = generateKbEntry(qid, seed);
          store.insert(entry, writtenForms(entry));
          added++;
        }
        return added;
      },
    };
    const insert = (entry: KbEntry, where: string, refuse: Refuse): number => {
      const qid = Number(entry.qid);
      if (store.has(qid)) refuse(`${where}.qid ${qid} is in the KnowledgeBase already`);
      store.insert(entry, writtenForms(entry));
      return qid;
    };
    return {
      endpoints: KB_API_VERSIONS.map((v) => kbEndpoint(store, v)),
      seed: {
        field: 'knowledge_base',
        answer: 'knowledge_base_qids',
        create: (entry, _user, now) => insert(readKbEntry(entry.fields, now, entry.where, entry.refuse), entry.where, entry.refuse),
      },
      dashboard: kbDashboard(store, () => settings.pageSize),
      storedForms: [kbStoredForms(store)],
      offers: { knowledgeBase },
    };
  },
};
