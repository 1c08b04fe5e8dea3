-- Authentication vaults (/api/2.0/fo/vault/). Their settings vary by vault type, so they live in
-- `settings` (JSON) as record fields do. Records name a vault by ID in their own fields.
CREATE TABLE vaults (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  title       TEXT    NOT NULL UNIQUE,
  vault_type  TEXT    NOT NULL,
  comments    TEXT,
  settings    TEXT    NOT NULL DEFAULT '{}',
  created_at  TEXT    NOT NULL,
  created_by  TEXT    NOT NULL,
  modified_at TEXT    NOT NULL,
  modified_by TEXT
);
-- Finding the records that use a vault, to refuse deleting it.
CREATE INDEX auth_records_vault ON auth_records (json_extract(fields, '$.vault_id')) WHERE json_extract(fields, '$.vault_id') IS NOT NULL;
