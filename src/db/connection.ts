import type Database from 'better-sqlite3';

/** An open SQLite connection (`openDatabase`), named apart so the modules it uses can name it too. */
export type Db = Database.Database;

/**
 * `make(db)` made once per connection and shared by everyone who asks for that connection's:
 * what coordinates the connection's use (its group commit, its reads of others' commits) must
 * be one object whatever module reaches it.
 */
export function onePerConnection<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let found = made.get(db);
    if (found === undefined) {
      found = make(db);
      made.set(db, found);
    }
    return found;
  };
}
