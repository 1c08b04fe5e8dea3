import { renderSiblingParts } from '../qualys/xml.js';
import { classFilter, keptRuns, viewOf } from './detection-classes.js';
import { chunkOf, type PageChunk } from './host-pages.js';
import type { ChunkPlace } from './host-groups.js';
import type { DetectionFilter, HostFilter } from './host-filter.js';
import type { HostStore } from './host-store.js';
import { detectionHost, showsStored, storedDetection, type DetectionShow } from './host-xml.js';

/**
 * The detection list's XML pages read from each host's joined DETECTION elements, when the list
 * shows them as stored and its filters choose detections by class alone (detection-classes.ts):
 * the requests connectors make. Undefined for the others, which read detection by detection.
 */
export function joinedRead(
  store: HostStore,
  hosts: HostFilter,
  detections: DetectionFilter,
  show: DetectionShow,
  place: ChunkPlace,
): ((after: number, n: number) => PageChunk) | undefined {
  const classes = showsStored(show) ? classFilter(detections) : undefined;
  if (classes === undefined) return undefined;
  const view = viewOf(classes.mask);
  return (after, n) =>
    chunkOf(store.joinedHosts(hosts, after, n, view, classes.mask), (rows) => {
      const placeOf = place(rows);
      return renderSiblingParts(
        rows.map((h) => detectionHost(h, keptRuns(h.detection_xml, h.detection_parts, classes.keeps).map(storedDetection), show, placeOf(h))),
        3,
      );
    });
}
