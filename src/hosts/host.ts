/**
 * A host and its detections as the store keeps them: columns named as the list elements,
 * lower-case, which is also how a seed document names their fields (docs/controls.md, "Seed").
 */

/** [Q] TRACKING_METHOD values seen in answers (docs/fidelity.md §20). */
export const TRACKING_METHODS = ['IP', 'DNS', 'NETBIOS', 'EC2', 'AGENT'] as const;
/** [Q] a detection's TYPE. */
export const DETECTION_TYPES = ['Confirmed', 'Potential', 'Info'] as const;
/** [Q] a detection's STATUS. */
export const DETECTION_STATUSES = ['New', 'Active', 'Fixed', 'Re-Opened'] as const;
export const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;

export type DetectionType = (typeof DETECTION_TYPES)[number];
export type DetectionStatus = (typeof DETECTION_STATUSES)[number];

export interface HostTag {
  tag_id: number;
  name: string;
}

/** One row of `hosts`. */
export interface HostRow {
  id: number;
  asset_id: number | null;
  /** The address as its 32-bit number. */
  ip: number;
  tracking_method: string;
  network_id: number;
  dns: string | null;
  netbios: string | null;
  os: string | null;
  qg_hostid: string | null;
  last_vuln_scan_datetime: string | null;
  last_vm_scanned_date: string | null;
  last_vm_scanned_duration: number | null;
  last_vm_auth_scanned_date: string | null;
  last_vm_auth_scanned_duration: number | null;
  last_compliance_scan_datetime: string | null;
  owner: string | null;
  comments: string | null;
  /** JSON array of `HostTag`. */
  tags: string;
  /** The TruRisk score of its detections (trurisk.ts), written with them. */
  trurisk: number;
}

/** One row of `host_detections`. */
export interface DetectionRow {
  unique_vuln_id: number;
  host_id: number;
  qid: number;
  type: DetectionType;
  severity: number;
  port: number | null;
  protocol: string | null;
  fqdn: string | null;
  ssl: number;
  results: string | null;
  status: DetectionStatus;
  first_found_datetime: string;
  last_found_datetime: string;
  qds: number | null;
  times_found: number;
  last_test_datetime: string;
  last_update_datetime: string;
  last_fixed_datetime: string | null;
  is_ignored: number;
  is_disabled: number;
  last_processed_datetime: string;
}

/** A host as it is created: its ID is the store's to give unless a seed names it. */
export type NewHost = Omit<HostRow, 'id' | 'trurisk'> & { id?: number; detections: NewDetection[] };
export type NewDetection = Omit<DetectionRow, 'unique_vuln_id' | 'host_id'>;
/** A detection as it is stored: its ID given, its default DETECTION element written. */
export type StoredDetection = Omit<DetectionRow, 'host_id'> & { xml: Buffer };
export type StoredHost = Omit<NewHost, 'detections'> & { detections: StoredDetection[] };
