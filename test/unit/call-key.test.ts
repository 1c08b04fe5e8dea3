import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callKey } from '../../src/auth-records/list-answers.js';

/** A kept list answer is reused for its own call only: two different calls never share a key. */
const call = fc.record({
  parts: fc.tuple(fc.string(), fc.string(), fc.string(), fc.integer({ min: 1, max: 1_000_000 })),
  params: fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })), { maxLength: 4 }),
});

describe('callKey', () => {
  it('gives different calls different keys', () => {
    fc.assert(
      fc.property(call, call, (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(callKey(a.parts, a.params) === callKey(b.parts, b.params)).toBe(same);
      }),
      { numRuns: 20_000 },
    );
  });

  it('tells apart calls that plain joining would confuse', () => {
    expect(callKey(['/p', 'b', 'u', 10], [['a', '1:b']])).not.toBe(callKey(['/p', 'b', 'u', 10], [['a', '1'], ['b', '']]));
    expect(callKey(['/p', 'b', 'u1', 0], [])).not.toBe(callKey(['/p', 'b', 'u', 10], []));
  });
});
