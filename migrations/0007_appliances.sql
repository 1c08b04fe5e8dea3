-- Scanner appliances (/api/2.0/fo/appliance/). Physical ones come only from a seed; virtual
-- ones also from action=create. Tags, VLANs and static routes are small lists kept as JSON.
CREATE TABLE appliances (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid             TEXT    NOT NULL UNIQUE,
  name             TEXT    NOT NULL UNIQUE,
  type             TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  network_id       INTEGER NOT NULL DEFAULT 0,
  polling_interval INTEGER NOT NULL,
  activation_code  TEXT    NOT NULL,
  comments         TEXT,
  tags             TEXT    NOT NULL DEFAULT '[]',
  vlans            TEXT    NOT NULL DEFAULT '[]',
  routes           TEXT    NOT NULL DEFAULT '[]',
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL
);
