import type { StoredFormKind } from '../db/stored-forms.js';
import { JOINED_FORMS_VERSION } from './detection-classes.js';
import type { HostStore } from './host-store.js';
import { DETECTION_FORMS_VERSION, storedXml } from './host-xml.js';

/** Does `each` for the hosts above `after`, at most `limit`, by ID; answers the last one's ID. */
function eachHost(store: HostStore, after: number, limit: number, each: (hostId: number) => void): number | undefined {
  const ids = store.hostIds({ ids: [[after + 1, Number.MAX_SAFE_INTEGER]] }, limit);
  for (const id of ids) each(id);
  return ids.at(-1);
}

/**
 * The forms the hosts keep written, as kinds of stored form keyed by host ID: each host's joined
 * elements, joined again from the stored ones; and each detection's DETECTION element, written
 * again from its columns, its host's joined again with it, which renews the joined kind too.
 */
export function storedDetectionForms(store: HostStore): StoredFormKind[] {
  const joined: StoredFormKind = {
    name: 'joined detections of each host',
    version: JOINED_FORMS_VERSION,
    rewrite: (after, limit) => eachHost(store, after, limit, (hostId) => store.rejoin(hostId)),
  };
  const elements: StoredFormKind = {
    name: 'DETECTION elements',
    version: DETECTION_FORMS_VERSION,
    rewrite: (after, limit) =>
      eachHost(store, after, limit, (hostId) => {
        for (const d of store.detectionsOf(hostId)) store.replaceXml(d.unique_vuln_id, storedXml(d));
        store.rejoin(hostId);
      }),
    renews: [joined],
  };
  return [elements, joined];
}
