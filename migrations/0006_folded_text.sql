-- Case-folded copies of the texts the list filters match, written with each row by the stores:
-- SQLite's lower() folds ASCII only, so `title=CAFÉ` missed `Café` (src/db/fold-case.ts).
-- fold_case() is the emulator's own function, registered by the migration runner.
ALTER TABLE auth_records ADD COLUMN title_folded TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_records ADD COLUMN comments_folded TEXT;
UPDATE auth_records SET title_folded = fold_case(title), comments_folded = fold_case(comments);
ALTER TABLE vaults ADD COLUMN title_folded TEXT NOT NULL DEFAULT '';
UPDATE vaults SET title_folded = fold_case(title);
