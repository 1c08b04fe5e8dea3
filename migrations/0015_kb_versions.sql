-- KnowledgeBase 3.0 and 4.0 write PATCH_PUBLISHED_DATE after PATCHABLE, 2.0 does not: the stored
-- VULNs stay 2.0's, and a 3.0 list puts the date's line in at `split`, the byte where it goes
-- (src/knowledge-base/kb-output.ts). The date is kept beside each form, not in kb_vulns, where
-- reading it meant stepping over the entry's JSON for every row. Rows stored before have neither:
-- their entries have no date.
ALTER TABLE kb_vuln_basic ADD COLUMN split INTEGER;
ALTER TABLE kb_vuln_basic ADD COLUMN patch_date TEXT;
ALTER TABLE kb_vuln_all ADD COLUMN split INTEGER;
ALTER TABLE kb_vuln_all ADD COLUMN patch_date TEXT;
