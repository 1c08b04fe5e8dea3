-- Each host's TruRisk score, kept with the host so that the host list's trurisk_min and
-- trurisk_max (and ars_) filter in SQL: src/hosts/trurisk.ts computes it when a host's detections
-- are written, and `host_trurisk` (the same function, registered before migrations run) fills it
-- for the hosts already stored. No index: a list pages by ID, so it scans by ID and reads the score
-- as it goes; an index on the score would make each page sort the kept hosts.
ALTER TABLE hosts ADD COLUMN trurisk INTEGER NOT NULL DEFAULT 0;

UPDATE hosts SET trurisk = (
  SELECT host_trurisk(type, status, severity, qds, is_ignored, is_disabled) FROM host_detections WHERE host_id = hosts.id
);
