-- Each host's TruRisk score, kept with the host so that the host list's trurisk_min and
-- trurisk_max (and ars_) filter in SQL. src/hosts/trurisk.ts computes it when a host's detections
-- are written; this scores the hosts stored before, by the same formula written in SQL: of the
-- open detections (neither Info nor Fixed, neither ignored nor disabled), for each severity the
-- highest QDS (20 per severity level without one) × the severity's weight × (1 + ln of how many);
-- r, the asset criticality 2 × their sum, scores 1000 × (1 − 2^(−r / 600)).
-- No index: a list pages by ID, so it scans by ID and reads the score as it goes; an index on the
-- score would make each page sort the kept hosts.
ALTER TABLE hosts ADD COLUMN trurisk INTEGER NOT NULL DEFAULT 0;

UPDATE hosts SET trurisk = coalesce((
  SELECT CAST(round(1000 * (1 - pow(2, -2 * sum(risk) / 600.0))) AS INTEGER)
  FROM (
    SELECT max(coalesce(qds, 20 * severity)) * CASE severity WHEN 1 THEN 0.1 WHEN 2 THEN 0.25 WHEN 3 THEN 0.5 WHEN 4 THEN 1 ELSE 2 END
           * (1 + ln(count(*))) AS risk
    FROM host_detections
    WHERE host_id = hosts.id AND type <> 'Info' AND status <> 'Fixed' AND is_ignored = 0 AND is_disabled = 0
    GROUP BY severity
  )
), 0);
