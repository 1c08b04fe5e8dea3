-- The KnowledgeBase (/api/{2.0,3.0,4.0}/fo/knowledge_base/vuln/). Each entry is kept whole as
-- the JSON the seed gave, checked against the declarations of src/knowledge-base/kb-schema.ts;
-- what the list filters on is kept beside it in columns, so a filter reads no JSON.
CREATE TABLE kb_vulns (
  qid              INTEGER PRIMARY KEY,
  severity         INTEGER NOT NULL,
  title            TEXT    NOT NULL,
  patchable        INTEGER NOT NULL,
  remote           INTEGER NOT NULL,
  -- the AUTH_TYPE values in lower case between commas (',unix,snmp,'; ',' for none)
  auth_types       TEXT    NOT NULL,
  service_modified TEXT,
  user_modified    TEXT,
  published        TEXT    NOT NULL,
  entry            TEXT    NOT NULL
);
