import { MAX_ID } from '../qualys/id-set.js';
import type { DetectionType } from './host.js';
import type { HostStore } from './host-store.js';

/** A detection as the families after the hosts read it. */
export interface KnownDetection {
  qid: number;
  type: DetectionType;
  severity: number;
  port: number | null;
  protocol: string | null;
  results: string | null;
}

/** What the hosts offer the families after them: the detections of the host at an address (scans find them). */
export interface HostDetections {
  /** The detections of the host at `ip` (the first by ID); undefined when no host has that address. */
  detectionsAt(ip: number): readonly KnownDetection[] | undefined;
}

export function hostDetections(store: HostStore): HostDetections {
  return {
    detectionsAt(ip) {
      const [host] = store.hosts({ ids: [[1, MAX_ID]], ips: [[ip, ip]] }, 0, 1);
      return host === undefined ? undefined : store.detectionsOf(host.id);
    },
  };
}
