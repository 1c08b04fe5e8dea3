-- VM and compliance scans (/api/2.0/fo/scan/, /api/2.0/fo/scan/compliance/). A scan's state
-- is stored as of `since` (epoch ms); later steps are worked out when it is read, from the step
-- length the harness set, so nothing runs in the background. Targets and the ranges each record
-- type covered at launch are JSON ([[lo, hi], ...]): a scan's targets never change once launched.
CREATE TABLE scans (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  kind              TEXT    NOT NULL,
  ref               TEXT    NOT NULL UNIQUE,
  type              TEXT    NOT NULL,
  title             TEXT    NOT NULL,
  user_login        TEXT    NOT NULL,
  launched_at       INTEGER NOT NULL,
  priority          INTEGER NOT NULL,
  network_id        INTEGER NOT NULL,
  target            TEXT    NOT NULL,
  excluded          TEXT    NOT NULL,
  asset_groups      TEXT    NOT NULL,
  option_profile    TEXT    NOT NULL,
  scanner           TEXT    NOT NULL,
  state             TEXT    NOT NULL,
  processed         INTEGER NOT NULL,
  sub_state         TEXT,
  since             INTEGER NOT NULL,
  resume_to         TEXT,
  started_at        INTEGER,
  ended_at          INTEGER,
  auth_covered      TEXT    NOT NULL,
  auth_failed       TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX scans_launched ON scans (launched_at);
