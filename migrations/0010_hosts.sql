-- Hosts (/api/X/fo/asset/host/) and their detections (/api/X/fo/asset/host/vm/detection/).
-- Columns are named as the list elements, lower-case, as the seed document names its fields.
-- A host's address is kept as its 32-bit number, so that `ips` filters are index ranges.
CREATE TABLE hosts (
  id                            INTEGER PRIMARY KEY,
  asset_id                      INTEGER,
  ip                            INTEGER NOT NULL,
  tracking_method               TEXT    NOT NULL,
  network_id                    INTEGER NOT NULL DEFAULT 0,
  dns                           TEXT,
  netbios                       TEXT,
  os                            TEXT,
  qg_hostid                     TEXT,
  last_vuln_scan_datetime       TEXT,
  last_vm_scanned_date          TEXT,
  last_vm_scanned_duration      INTEGER,
  last_vm_auth_scanned_date     TEXT,
  last_vm_auth_scanned_duration INTEGER,
  last_compliance_scan_datetime TEXT,
  owner                         TEXT,
  comments                      TEXT,
  -- JSON array of {"tag_id": n, "name": "..."}
  tags                          TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX hosts_ip ON hosts (ip);

-- A host's detections; `unique_vuln_id` is the detection's own ID, so a host's detections are
-- one index range in the order they were created.
CREATE TABLE host_detections (
  unique_vuln_id          INTEGER PRIMARY KEY,
  host_id                 INTEGER NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
  qid                     INTEGER NOT NULL,
  type                    TEXT    NOT NULL,
  severity                INTEGER NOT NULL,
  port                    INTEGER,
  protocol                TEXT,
  fqdn                    TEXT,
  ssl                     INTEGER NOT NULL DEFAULT 0,
  results                 TEXT,
  status                  TEXT    NOT NULL,
  first_found_datetime    TEXT    NOT NULL,
  last_found_datetime     TEXT    NOT NULL,
  qds                     INTEGER,
  times_found             INTEGER NOT NULL,
  last_test_datetime      TEXT    NOT NULL,
  last_update_datetime    TEXT    NOT NULL,
  last_fixed_datetime     TEXT,
  is_ignored              INTEGER NOT NULL DEFAULT 0,
  is_disabled             INTEGER NOT NULL DEFAULT 0,
  last_processed_datetime TEXT    NOT NULL,
  -- The DETECTION element as the default detection list writes it (RESULTS shown, no QDS), written
  -- once at insert: a page copies it rather than rendering twenty columns per detection.
  xml                     BLOB    NOT NULL
);
CREATE INDEX host_detections_host ON host_detections (host_id, unique_vuln_id);
