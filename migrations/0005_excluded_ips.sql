-- Excluded IPs (/api/2.0/fo/asset/excluded_ip/): runs of addresses per network sharing an expiry
-- (NULL: none), never one row per address; and the history of their changes.
CREATE TABLE excluded_ips (
  network_id INTEGER NOT NULL,
  lo         INTEGER NOT NULL,
  hi         INTEGER NOT NULL,
  expires_at TEXT,
  PRIMARY KEY (network_id, lo)
) WITHOUT ROWID;

-- One row per change; `ips` is the set changed, as JSON [[lo, hi], ...].
CREATE TABLE excluded_ip_history (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  network_id INTEGER NOT NULL,
  action     TEXT    NOT NULL,
  ips        TEXT    NOT NULL,
  datetime   TEXT    NOT NULL,
  user_login TEXT    NOT NULL,
  comment    TEXT    NOT NULL
);
