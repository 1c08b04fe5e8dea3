import type { FamilyDashboard } from '../api-family.js';
import { leafValue, type KbEntry, type KbGroup, type KbLeaf } from './kb-entry.js';
import type { KbStore } from './kb-store.js';

const text = (entry: KbEntry, name: string) => (entry[name] === undefined ? null : leafValue(entry[name] as KbLeaf));

/**
 * The KnowledgeBase as the dashboard reads it (`/_emulator/knowledge-base?q=&severity=`): JSON,
 * the first `pageSize()` entries by QID whose QID is `q` or whose title holds it, of one severity
 * if asked, with how many entries the KnowledgeBase holds.
 */
export function kbDashboard(store: KbStore, pageSize: () => number): FamilyDashboard {
  return {
    ui: 'knowledge-base.js',
    routes: [
      {
        path: 'knowledge-base',
        answer(request) {
          const { q, severity } = request.query(['q', 'severity']);
          if (Array.isArray(q) || Array.isArray(severity)) return request.refuse(400, 'q and severity are given once each');
          if (severity !== undefined && severity !== '' && !/^[1-5]$/.test(severity)) return request.refuse(400, 'severity is a level from 1 to 5');
          const entries = store.search(q === '' ? undefined : q, severity ? Number(severity) : undefined, pageSize());
          return {
            total: store.count(),
            entries: entries.map((e) => ({
              qid: Number(text(e, 'qid')),
              severity_level: Number(text(e, 'severity_level')),
              vuln_type: text(e, 'vuln_type'),
              title: text(e, 'title'),
              category: text(e, 'category'),
              patchable: text(e, 'patchable') === '1',
              published_datetime: text(e, 'published_datetime'),
              last_service_modification_datetime: text(e, 'last_service_modification_datetime'),
              cves: ((e.cve_list as readonly KbGroup[] | undefined) ?? []).map((c) => leafValue(c.id as KbLeaf)),
            })),
          };
        },
      },
    ],
  };
}
