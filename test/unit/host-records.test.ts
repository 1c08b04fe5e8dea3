import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { RecordStore } from '../../src/auth-records/record-store.js';
import { RecordService } from '../../src/auth-records/record-service.js';
import { declareRecordType, type RecordType } from '../../src/auth-records/record-type.js';
import { parseIpSet } from '../../src/qualys/ip-set.js';
import type { QualysError } from '../../src/qualys/errors.js';

// An application type whose hosts may be Unix or Windows: its IPs must be covered by the union.
const typeOf = (name: string, hostRecord?: RecordType['hostRecord']): RecordType =>
  declareRecordType({ name, source: 'https://docs.qualys.com/', fields: [], hostRecord });
const unix = typeOf('unix');
const windows = typeOf('windows');
const app = typeOf('apache', { coveredBy: ['unix', 'windows'], label: 'Unix or Windows' });

describe('--require-host-record', () => {
  it('takes the union of the host types, and names what neither covers', () => {
    const service = new RecordService(new RecordStore(openDatabase(':memory:')), { requireHostRecord: true });
    const create = (type: RecordType, title: string, ips: string) =>
      service.create(type, { title, ips: parseIpSet('ips', ips), fields: {} }, 'u', '2026-01-01T00:00:00Z', (id) => id);
    create(unix, 'u', '10.0.0.1-10.0.0.5');
    create(windows, 'w', '10.0.0.6-10.0.0.9');
    expect(create(app, 'both', '10.0.0.2-10.0.0.8')).toBeGreaterThan(0);
    try {
      create(app, 'beyond', '10.0.0.9-10.0.0.11');
      expect.unreachable();
    } catch (err) {
      expect((err as QualysError).text).toBe('parameter ips has invalid value: 10.0.0.10-10.0.0.11 (not covered by Unix or Windows records)');
    }
  });
});
