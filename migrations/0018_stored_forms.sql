-- The version of the writer each kind of stored written form (a KnowledgeBase entry's VULNs, a
-- detection's DETECTION element, a host's joined detections) was written with, as the code
-- declares it (src/db/stored-forms.ts). When the emulator opens a database recorded with another
-- version, or none (one from before this migration), it rewrites those forms from their fields
-- before serving them. Neither emptied by a reset nor counted as data: it describes how rows are
-- written, and a reset leaves no row written otherwise.
CREATE TABLE stored_forms (
  kind    TEXT    PRIMARY KEY,
  version INTEGER NOT NULL,
  -- while a rewrite to `version` runs, the last key rewritten (keys above it are older forms);
  -- NULL once every form is of `version`
  through INTEGER
);
