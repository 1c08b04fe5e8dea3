-- Option profiles (/api/2.0/fo/subscription/option_profile/) a seed adds to the built-in ones,
-- which are constants, not rows: a reset or an empty database still has Qualys's default
-- profile. IDs are given by the store above the built-ins' (no AUTOINCREMENT).
CREATE TABLE option_profiles (
  id          INTEGER PRIMARY KEY,
  title       TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  is_default  INTEGER NOT NULL DEFAULT 0,
  is_global   INTEGER NOT NULL DEFAULT 0,
  owner       TEXT    NOT NULL,
  settings    TEXT    NOT NULL DEFAULT '{}',
  updated_at  TEXT    NOT NULL,
  UNIQUE (type, title)
);
