-- The subscription's IPs (/api/2.0/fo/asset/ip/), as disjoint ranges of integers per network,
-- never one row per address. A row is a run of addresses sharing every attribute: adding
-- 0.0.0.0/8 is one row, and a range splits only where an update gives part of it other values.
CREATE TABLE asset_ips (
  network_id      INTEGER NOT NULL,
  lo              INTEGER NOT NULL,
  hi              INTEGER NOT NULL,
  tracking_method TEXT    NOT NULL,
  enable_vm       TEXT    NOT NULL,
  enable_pc       TEXT    NOT NULL,
  enable_sca      TEXT    NOT NULL,
  enable_certview TEXT    NOT NULL,
  owner           TEXT,
  ud1             TEXT,
  ud2             TEXT,
  ud3             TEXT,
  comment         TEXT,
  PRIMARY KEY (network_id, lo)
) WITHOUT ROWID;
