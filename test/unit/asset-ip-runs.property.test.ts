import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { AssetIpStore } from '../../src/asset-ips/asset-ip-store.js';
import { AssetIpService } from '../../src/asset-ips/asset-ip-service.js';
import { normalise, type Range } from '../../src/qualys/interval-set.js';

// The subscription's IPs as runs, against a model holding each address's attributes: after any
// adds and updates, the runs are disjoint, in order, as few as the attributes allow, and hold
// exactly what the model holds.
const SPACE = 48;
const range = fc.tuple(fc.nat(SPACE - 1), fc.nat(4)).map(([lo, n]): Range => [lo, Math.min(SPACE - 1, lo + n)]);
const op = fc.record({
  kind: fc.constantFrom('add', 'update'),
  ips: fc.array(range, { minLength: 1, maxLength: 3 }).map((r) => normalise(r)),
  owner: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  pc: fc.boolean(),
});

describe("the runs of the subscription's IPs", () => {
  it('hold what a per-address model holds, as few rows as its attributes allow', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const db = openDatabase(':memory:');
        const service = new AssetIpService(new AssetIpStore(db));
        const model: ({ owner: string | null; pc: string } | undefined)[] = Array(SPACE).fill(undefined);
        for (const o of ops) {
          const change = { ...(o.owner === undefined ? {} : { owner: o.owner }), ...(o.kind === 'add' ? { enable_vm: '1', enable_pc: o.pc ? '1' : '0' } : {}) };
          const addresses = o.ips.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
          if (o.kind === 'update' && addresses.some((a) => model[a] === undefined)) {
            expect(() => service.update(o.ips, 0, change)).toThrow('IP(s) do not exist.');
            continue;
          }
          if (o.kind === 'add') service.add(o.ips, 0, change);
          else service.update(o.ips, 0, change);
          for (const a of addresses) {
            const held = model[a] ?? { owner: null, pc: '0' };
            model[a] = { owner: o.owner ?? held.owner, pc: o.kind === 'add' && o.pc ? '1' : held.pc };
          }
        }
        const runs = service.runs({ networkId: -1, lo: -1 }, 1000);
        const stored: typeof model = Array(SPACE).fill(undefined);
        runs.forEach((r, i) => {
          expect(r.lo).toBeLessThanOrEqual(r.hi);
          if (i > 0) {
            const before = runs[i - 1];
            expect(before.hi).toBeLessThan(r.lo);
            const same = before.attributes.owner === r.attributes.owner && before.attributes.enable_pc === r.attributes.enable_pc;
            expect(before.hi + 1 === r.lo && same, 'neighbours that agree are one run').toBe(false);
          }
          for (let a = r.lo; a <= r.hi; a++) stored[a] = { owner: r.attributes.owner, pc: r.attributes.enable_pc! };
        });
        expect(stored).toEqual(model);
        db.close();
      }),
      { seed: 22, numRuns: 300 },
    );
  });
});
