-- Asset groups (/api/2.0/fo/asset/group/). A group keeps its IP entries as they were given
-- (`ips`, a JSON array of `a`, `a-b` and CIDR texts), as Qualys lists ranges as given; its
-- other lists are JSON too. Its appliances are rows of their own, so that deleting an
-- appliance drops it from every group (ON DELETE CASCADE / SET NULL) and an appliance's
-- groups are one index seek.
CREATE TABLE asset_groups (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  title                TEXT    NOT NULL UNIQUE,
  network_id           INTEGER NOT NULL DEFAULT 0,
  owner                TEXT    NOT NULL,
  ips                  TEXT    NOT NULL DEFAULT '[]',
  domains              TEXT    NOT NULL DEFAULT '[]',
  dns_names            TEXT    NOT NULL DEFAULT '[]',
  netbios_names        TEXT    NOT NULL DEFAULT '[]',
  default_appliance_id INTEGER REFERENCES appliances (id) ON DELETE SET NULL,
  fields               TEXT    NOT NULL DEFAULT '{}',
  created_at           TEXT    NOT NULL,
  last_update          TEXT    NOT NULL
);

-- A group's appliances in the order given (`position`).
CREATE TABLE asset_group_appliances (
  group_id     INTEGER NOT NULL REFERENCES asset_groups (id) ON DELETE CASCADE,
  appliance_id INTEGER NOT NULL REFERENCES appliances (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  PRIMARY KEY (group_id, appliance_id)
) WITHOUT ROWID;
CREATE INDEX asset_group_appliances_appliance ON asset_group_appliances (appliance_id, group_id);
CREATE INDEX asset_groups_default_appliance ON asset_groups (default_appliance_id) WHERE default_appliance_id IS NOT NULL;
