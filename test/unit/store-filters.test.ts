import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { RecordStore } from '../../src/auth-records/record-store.js';
import { MAX_ID } from '../../src/qualys/id-set.js';

// A type's own list filters (e.g. Oracle's is_template) match stored field values in SQL.
describe('list filters on fields', () => {
  it('match records whose fields hold every given value, and only those', () => {
    const store = new RecordStore(openDatabase(':memory:'));
    const insert = (title: string, fields: Record<string, string>, ip: number) =>
      store.insert({ type: 'oracle', title, fields, ips: [[ip, ip]], createdAt: 'd', createdBy: 'u', modifiedAt: 'd' });
    insert('template', { is_template: '1', sid: 'ORCL' }, 1);
    insert('plain', { is_template: '0', sid: 'ORCL' }, 2);
    insert('unset', { sid: 'ORCL' }, 3);
    const titles = (fields?: Record<string, string>) => store.list('oracle', { ids: [[1, MAX_ID]], fields }, 10).records.map((r) => r.title);
    expect(titles({ is_template: '1' })).toEqual(['template']);
    expect(titles({ is_template: '0' })).toEqual(['plain']);
    expect(titles({ is_template: '1', sid: 'OTHER' })).toEqual([]);
    expect(titles()).toEqual(['template', 'plain', 'unset']);
  });
});
