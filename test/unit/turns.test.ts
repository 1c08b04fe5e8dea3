import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { OthersCommits, turnEnd } from '../../src/db/turns.js';

/**
 * Another process's commits are read once per batch of requests: never a version read before a
 * request arrived for that request, and a fresh one for the first request of every turn.
 */
const dir = mkdtempSync(join(tmpdir(), 'qe-turns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function databases(name: string) {
  const file = join(dir, name);
  const database = openDatabase(file);
  const db = database.connection;
  db.prepare('CREATE TABLE t (x INTEGER PRIMARY KEY)').run();
  const other = new Database(file);
  let next = 1;
  const commitElsewhere = () => other.prepare('INSERT INTO t VALUES (?)').run(next++);
  const close = () => {
    other.close();
    database.close();
  };
  return { others: new OthersCommits(db), commitElsewhere, close };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('other connections\' commits, once per turn', () => {
  it('are read once for the requests that arrived in one turn, and afresh by the next turn\'s first', async () => {
    const { others, commitElsewhere, close } = databases('batch.sqlite');
    try {
      others.arrived();
      const first = others.version();
      // a commit after the turn's requests arrived: they may or may not see it, the next turn must
      commitElsewhere();
      others.arrived();
      expect(others.version()).toBe(first);
      await nextTurn();
      others.arrived();
      expect(others.version()).not.toBe(first);
    } finally {
      close();
    }
  });

  it('are never taken from before a request arrived', async () => {
    const { others, commitElsewhere, close } = databases('between.sqlite');
    try {
      others.arrived();
      await nextTurn();
      // read between turns (as a request a timer delayed reads), before the next one arrives
      const before = others.version();
      commitElsewhere();
      others.arrived();
      expect(others.version()).not.toBe(before);
    } finally {
      close();
    }
  });

  it('are read afresh for a request arriving alone (pipelined, or on a server with more connections than one poll surely finds)', () => {
    const { others, commitElsewhere, close } = databases('alone.sqlite');
    try {
      others.arrived();
      const first = others.version();
      commitElsewhere();
      others.arrivedAlone();
      expect(others.version()).not.toBe(first);
    } finally {
      close();
    }
  });
});

describe('the turn\'s end', () => {
  it('is one moment for everything waiting on it, after the turn\'s own callbacks', async () => {
    const order: string[] = [];
    const a = turnEnd().then(() => order.push('a'));
    const b = turnEnd().then(() => order.push('b'));
    expect(turnEnd()).toBe(turnEnd());
    queueMicrotask(() => order.push('microtask'));
    await Promise.all([a, b]);
    expect(order).toEqual(['microtask', 'a', 'b']);
    // a later wait is for a later turn
    const later = turnEnd();
    await later;
    expect(turnEnd()).not.toBe(later);
  });
});
