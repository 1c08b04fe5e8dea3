-- Each KnowledgeBase entry's VULN as a list without show_ flags writes it, Basic and All
-- (src/knowledge-base/kb-output.ts), so that a list copies it rather than writing it again. In
-- tables of their own, so that a list reads one form without stepping over the other or the
-- entry's JSON. An entry stored before this migration has neither: a list writes it from `entry`.
CREATE TABLE kb_vuln_basic (qid INTEGER PRIMARY KEY, xml BLOB NOT NULL);
CREATE TABLE kb_vuln_all (qid INTEGER PRIMARY KEY, xml BLOB NOT NULL);
