-- Scheduled scans (/api/2.0/fo/schedule/scan/): stored definitions, which never launch a scan.
-- `params` keeps the create and update parameters as last given (JSON [[name, value], ...]), so an
-- update changes only what it names; `definition` is what they were read into (JSON), as listed.
CREATE TABLE scan_schedules (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  active      INTEGER NOT NULL,
  user_login  TEXT    NOT NULL,
  params      TEXT    NOT NULL,
  definition  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);
