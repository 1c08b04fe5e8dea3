import { describe, expect, it } from 'vitest';
import { RecordCache } from '../../src/auth-records/record-cache.js';
import { COMMENTS_MAX, TITLE_MAX, type AuthRecord } from '../../src/auth-records/record-type.js';

/** A record as large in text as the API accepts for the shared fields, with some type fields. */
function fatRecord(id: number): AuthRecord {
  return {
    id,
    type: 'unix',
    title: `${id}`.padEnd(TITLE_MAX, 't'),
    comments: 'c'.repeat(COMMENTS_MAX),
    fields: { username: 'u'.repeat(255), a: 'a'.repeat(1024), b: 'b'.repeat(1024) },
    ips: [[id, id]],
    createdAt: '2024-01-01T00:00:00Z',
    createdBy: 'qualys',
    modifiedAt: '2024-01-01T00:00:00Z',
  };
}

describe('RecordCache', () => {
  it('bounds the text it holds, not only the number of records and ranges', () => {
    const cache = new RecordCache();
    const n = 20_000; // about 90 MB of characters: more than the bound
    for (let id = 1; id <= n; id++) cache.add(fatRecord(id));
    let chars = 0;
    let held = 0;
    for (let id = 1; id <= n; id++) {
      const r = cache.get(id);
      if (!r) continue;
      held++;
      chars += r.title.length + r.comments!.length + Object.values(r.fields).join('').length;
    }
    expect(cache.get(1)).toBeUndefined(); // the oldest went first
    expect(cache.get(n)).toBeDefined();
    expect(held).toBeGreaterThan(1000);
    expect(chars * 2).toBeLessThanOrEqual(64 * 1024 * 1024);
  });
});
