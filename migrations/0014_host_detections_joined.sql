-- Each host's DETECTION elements joined once, when its detections are written, so that a page of
-- the detection list reads one row a host rather than joining twenty (bench/README.md, Host
-- detections). `xml` is the stored elements (host_detections.xml) by detection ID, joined by
-- newlines; `parts` five bytes a detection, in the same order: its class, then the length of its
-- element (4 bytes, big-endian). A class is TYPE, STATUS, IS_IGNORED and IS_DISABLED as one
-- number, type * 16 + status * 4 + ignored * 2 + disabled (types Confirmed, Potential, Info;
-- statuses New, Active, Fixed, Re-Opened: src/hosts/detection-classes.ts); `classes` has bit N
-- set when the host has a detection of class N. A host without detections has no row.
CREATE TABLE host_detections_joined (
  host_id INTEGER PRIMARY KEY REFERENCES hosts (id) ON DELETE CASCADE,
  classes INTEGER NOT NULL,
  -- before `xml`, so that reading it needs none of the overflow pages that `xml` spans
  parts   BLOB    NOT NULL,
  xml     BLOB    NOT NULL
);

-- The hosts already stored; the store joins new ones with the same statement (src/hosts/host-store.ts).
INSERT INTO host_detections_joined (host_id, classes, parts, xml)
SELECT host_id, sum(DISTINCT 1 << class), unhex(group_concat(printf('%02X%08X', class, length(xml)), '' ORDER BY unique_vuln_id)),
       CAST(group_concat(xml, char(10) ORDER BY unique_vuln_id) AS BLOB)
FROM (
  SELECT host_id, unique_vuln_id, xml,
         CASE type WHEN 'Confirmed' THEN 0 WHEN 'Potential' THEN 1 ELSE 2 END * 16
         + CASE status WHEN 'New' THEN 0 WHEN 'Active' THEN 1 WHEN 'Fixed' THEN 2 ELSE 3 END * 4
         + (is_ignored <> 0) * 2 + (is_disabled <> 0) AS class
  FROM host_detections
)
GROUP BY host_id;
