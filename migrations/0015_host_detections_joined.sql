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

-- The hosts already stored; the store joins new ones with the same statement (src/hosts/host-store.ts).
-- View 1's classes are 0, 4, 12, 16, 20 and 28: 269553681 is their mask.
INSERT INTO host_detections_joined (key, classes, parts, xml)
SELECT host_id * 2 + view, sum(DISTINCT 1 << class), unhex(group_concat(printf('%02X%08X', class, length(xml)), '' ORDER BY unique_vuln_id)),
       CAST(group_concat(xml, char(10) ORDER BY unique_vuln_id) AS BLOB)
FROM (
  SELECT host_id, unique_vuln_id, xml,
         CASE type WHEN 'Confirmed' THEN 0 WHEN 'Potential' THEN 1 ELSE 2 END * 16
         + CASE status WHEN 'New' THEN 0 WHEN 'Active' THEN 1 WHEN 'Fixed' THEN 2 ELSE 3 END * 4
         + (is_ignored <> 0) * 2 + (is_disabled <> 0) AS class
  FROM host_detections
) JOIN (SELECT 0 AS view, 281474976710655 AS within UNION ALL SELECT 1, 269553681) ON ((1 << class) & within) <> 0
GROUP BY host_id, view;
