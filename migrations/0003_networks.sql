-- Networks (/api/2.0/fo/network/), the Network Support feature. ID 0, the Global Default Network,
-- is never stored; nor are the networks `--networks` configures until an update names one.
CREATE TABLE networks (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  created_at  TEXT    NOT NULL,
  created_by  TEXT    NOT NULL,
  modified_at TEXT    NOT NULL,
  modified_by TEXT
);
