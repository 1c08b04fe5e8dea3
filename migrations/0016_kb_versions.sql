-- KnowledgeBase 3.0 and 4.0 write PATCH_PUBLISHED_DATE after PATCHABLE, 2.0 does not: the stored
-- VULNs stay 2.0's, and a 3.0 list puts the date's line in at the byte where it goes in each form
-- (src/knowledge-base/kb-output.ts). Only entries with a date have a row, in a table of its own,
-- so that 2.0's lists read the forms' tables as before. Entries stored before have no date.
CREATE TABLE kb_vuln_patch_dates (
  qid INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  basic_split INTEGER NOT NULL,
  all_split INTEGER NOT NULL
);
