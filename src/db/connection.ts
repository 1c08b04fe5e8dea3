import type Database from 'better-sqlite3';

/** An open SQLite connection (`openDatabase`), named apart so the modules it uses can name it too. */
export type Db = Database.Database;
