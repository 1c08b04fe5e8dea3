-- Authentication records of every type. Type-specific fields live in `fields` (JSON), as the
-- record types are declarations, not tables. AUTOINCREMENT: IDs are never reused after a delete.
CREATE TABLE auth_records (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  type        TEXT    NOT NULL,
  title       TEXT    NOT NULL,
  comments    TEXT,
  network_id  INTEGER,
  fields      TEXT    NOT NULL DEFAULT '{}',
  created_at  TEXT    NOT NULL,
  created_by  TEXT    NOT NULL,
  modified_at TEXT    NOT NULL,
  modified_by TEXT
);
-- Titles are unique per record type [Q].
CREATE UNIQUE INDEX auth_records_type_title ON auth_records (type, title);
CREATE INDEX auth_records_type_id ON auth_records (type, id);

-- A record's IPs as disjoint integer ranges, never one row per address. An IP belongs to at
-- most one record of a type, so the ranges of one type are disjoint and (type, lo) is unique.
CREATE TABLE auth_record_ips (
  type      TEXT    NOT NULL,
  lo        INTEGER NOT NULL,
  hi        INTEGER NOT NULL,
  record_id INTEGER NOT NULL REFERENCES auth_records (id) ON DELETE CASCADE,
  PRIMARY KEY (type, lo)
) WITHOUT ROWID;
CREATE INDEX auth_record_ips_record ON auth_record_ips (record_id, lo);
