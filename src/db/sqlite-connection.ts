import type SQLite from 'better-sqlite3';

/**
 * An open SQLite connection, in a module of its own so that what `openDatabase` makes around
 * the connection (connection.ts) and the parts it is made of can all name it without a cycle.
 */
export type Db = SQLite.Database;
