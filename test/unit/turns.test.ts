import { describe, expect, it } from 'vitest';
import { turnEnd } from '../../src/db/turns.js';

describe("the turn's end", () => {
  it("is one moment for everything waiting on it, after the turn's own callbacks", async () => {
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
