import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssetIpService } from '../../src/asset-ips/asset-ip-service.js';
import { AssetIpStore } from '../../src/asset-ips/asset-ip-store.js';
import { openDatabase } from '../../src/db/open.js';
import { normalise, type Range } from '../../src/qualys/interval-set.js';

// The subscription's IPs as runs, against a model holding each address's attributes: after any
// adds and updates, the runs are disjoint, in order, as few as the attributes allow, and hold
// exactly what the model holds. With 1,100 separate runs stored between the two places the
// writes touch, a write's span holds too many runs to be read at once, so it seeks each range.
const PLACES = [0, 2400];
const WIDTH = 48;
const SPACE = 2448;
const FILLER: Range[] = Array.from({ length: 1100 }, (_, i): Range => [100 + 2 * i, 100 + 2 * i]);

const range = fc.tuple(fc.constantFrom(...PLACES), fc.nat(WIDTH - 1), fc.nat(4)).map(([base, lo, n]): Range => [base + lo, base + Math.min(WIDTH - 1, lo + n)]);
const op = fc.record({
  kind: fc.constantFrom('add', 'update'),
  ips: fc.array(range, { minLength: 1, maxLength: 3 }).map((r) => normalise(r)),
  owner: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  pc: fc.boolean(),
});

type Held = { owner: string | null; pc: string } | undefined;

function check(filler: boolean) {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
      const db = openDatabase(':memory:');
      const service = new AssetIpService(new AssetIpStore(db));
      const model: Held[] = Array(SPACE).fill(undefined);
      if (filler) {
        service.add(FILLER, 0, { enable_vm: '1' });
        for (const [a] of FILLER) model[a] = { owner: null, pc: '0' };
      }
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
      const runs = service.runs({ networkId: -1, lo: -1 }, 10_000);
      const stored: Held[] = Array(SPACE).fill(undefined);
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
    { seed: 22, numRuns: filler ? 25 : 300 },
  );
}

describe("the runs of the subscription's IPs", () => {
  it('hold what a per-address model holds, as few rows as its attributes allow', () => check(false));
  it('hold it too when each range of a write is sought apart, many runs lying between them', () => check(true));

  it('read a run that two ranges of a write both meet once, when each range is sought apart', () => {
    const db = openDatabase(':memory:');
    const service = new AssetIpService(new AssetIpStore(db));
    service.add([[0, 50], ...FILLER, [2400, 2410]], 0, { enable_vm: '1' });
    service.update(
      [
        [1, 1],
        [3, 3],
        [2400, 2400],
      ],
      0,
      { owner: 'a' },
    );
    const runs = service.runs({ networkId: -1, lo: -1 }, 10_000).map((r) => [r.lo, r.hi, r.attributes.owner]);
    expect(runs.slice(0, 5)).toEqual([
      [0, 0, null],
      [1, 1, 'a'],
      [2, 2, null],
      [3, 3, 'a'],
      [4, 50, null],
    ]);
    expect(runs.slice(-2)).toEqual([
      [2400, 2400, 'a'],
      [2401, 2410, null],
    ]);
    db.close();
  });
});
