-- Each host's DETECTION elements joined once, when its detections are written, so that a page of
-- the detection list reads one row a host rather than joining twenty (bench/README.md, Host
-- detections). A host has a row for each view: 0 every detection, 1 those the detection list
-- shows by default (TYPE Confirmed or Potential, STATUS New, Active or Re-Opened, neither ignored
-- nor disabled), what connectors ask for most; a view holding none of its detections has no row.
-- `xml` is the stored elements (host_detections.xml) by detection ID, joined by newlines; `parts`
-- five bytes a detection, in the same order: its class, then the length of its element (4 bytes,
-- big-endian). A class is TYPE, STATUS, IS_IGNORED and IS_DISABLED as one number,
-- type * 16 + status * 4 + ignored * 2 + disabled (types Confirmed, Potential, Info; statuses New,
-- Active, Fixed, Re-Opened: src/hosts/detection-classes.ts); `classes` has bit N set when the row
-- holds a detection of class N. A row's key is host_id * 2 + view, its rowid: a WITHOUT ROWID table
-- keyed (host_id, view) read the same page three times slower, its rows all overflow. Hosts are
-- never deleted but by a reset, which empties every table.
CREATE TABLE host_detections_joined (
  key     INTEGER PRIMARY KEY,
  classes INTEGER NOT NULL,
  -- before `xml`, so that reading it needs none of the overflow pages that `xml` spans
  parts   BLOB    NOT NULL,
  xml     BLOB    NOT NULL
);

-- Left empty: the hosts already stored are joined before the server listens, by the rewrite of
-- their stored forms that a database from before 0018 takes (src/hosts/stored-detections.ts),
-- once a host; filling it here as well joined every host twice more on an upgrade.
