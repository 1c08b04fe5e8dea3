import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contains, equals, intersect, isSingleton, normalise, subtract, union, type IntervalSet, type Range } from '../../src/qualys/interval-set.js';
import { formatIdSet, idSetOf, parseIdSet } from '../../src/qualys/id-set.js';
import { formatAddress, formatIpSet, parseIpSet } from '../../src/qualys/ip-set.js';
import { QualysError } from '../../src/qualys/errors.js';
import { openDatabase } from '../../src/db/open.js';
import { RecordStore } from '../../src/auth-records/record-store.js';

/**
 * The ID and IP set algebra checked against a naive model, a Set<number>, on a 64-member
 * universe where expanding every range is cheap.
 */
const SIZE = 64;

const members = (set: IntervalSet): Set<number> => {
  const out = new Set<number>();
  for (const [lo, hi] of set) for (let n = lo; n <= hi; n++) out.add(n);
  return out;
};
const sorted = (s: Iterable<number>) => [...s].sort((a, b) => a - b);

/** Sorted, disjoint and never adjacent: the one way to write each set. */
function expectCanonical(set: IntervalSet): void {
  set.forEach(([lo, hi], i) => {
    expect(lo).toBeLessThanOrEqual(hi);
    if (i > 0) expect(lo).toBeGreaterThan(set[i - 1][1] + 1);
  });
}

const rangeIn = (min: number, max: number): fc.Arbitrary<Range> =>
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
const rawRanges = (min = 0, max = SIZE - 1) => fc.array(rangeIn(min, max), { maxLength: 8 });
const aSet = rawRanges().map(normalise);

describe('interval sets against a Set<number> model', () => {
  it('normalise keeps exactly the members, canonically', () => {
    fc.assert(
      fc.property(rawRanges(), (raw) => {
        const set = normalise(raw);
        expectCanonical(set);
        expect(sorted(members(set))).toEqual(sorted(members(raw)));
      }),
    );
  });

  it('union, subtract and intersect match the model', () => {
    fc.assert(
      fc.property(aSet, aSet, (a, b) => {
        const ma = members(a);
        const mb = members(b);
        for (const [result, model] of [
          [union(a, b), [...ma, ...mb]],
          [subtract(a, b), [...ma].filter((n) => !mb.has(n))],
          [intersect(a, b), [...ma].filter((n) => mb.has(n))],
        ] as const) {
          expectCanonical(result);
          expect(sorted(members(result))).toEqual(sorted(new Set(model)));
        }
      }),
    );
  });

  it('equals, contains and isSingleton match the model', () => {
    fc.assert(
      fc.property(aSet, aSet, fc.integer({ min: -1, max: SIZE }), (a, b, n) => {
        const ma = members(a);
        expect(equals(a, b)).toBe(sorted(ma).join() === sorted(members(b)).join());
        expect(contains(a, n)).toBe(ma.has(n));
        expect(isSingleton(a)).toBe(ma.size === 1);
      }),
    );
  });
});

/** An ID list entry as a client writes it: `n` or `a-b`, spaces allowed around it. */
const idEntry = fc
  .tuple(rangeIn(1, SIZE), fc.boolean(), fc.constantFrom('', ' '))
  .map(([[lo, hi], asRange, pad]) => ({ text: `${pad}${asRange || lo !== hi ? `${lo}-${hi}` : lo}${pad}`, range: [lo, hi] as const }));

describe('ID sets', () => {
  it('parse any list of IDs and ranges, overlapping or not, into its members', () => {
    fc.assert(
      fc.property(fc.array(idEntry, { minLength: 1, maxLength: 8 }), (entries) => {
        const set = parseIdSet('ids', entries.map((e) => e.text).join(','));
        expectCanonical(set);
        expect(sorted(members(set))).toEqual(sorted(members(entries.map((e) => e.range))));
      }),
    );
  });

  it('format runs as ID_RANGE and single IDs as ID, and parse back to the same set', () => {
    fc.assert(
      fc.property(
        rawRanges(1, SIZE)
          .filter((r) => r.length > 0)
          .map(normalise),
        (set) => {
          const formatted = formatIdSet(set);
          expect(formatted.map((e) => e.kind)).toEqual(set.map(([lo, hi]) => (lo === hi ? 'ID' : 'ID_RANGE')));
          expect(parseIdSet('ids', formatted.map((e) => e.value).join(','))).toEqual(set);
          expect(idSetOf(members(set))).toEqual(set);
        },
      ),
    );
  });

  it('refuse reversed ranges and non-positive IDs with 1905', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: SIZE }), fc.integer({ min: 1, max: SIZE }), (a, b) => {
        fc.pre(a > b);
        expect(() => parseIdSet('ids', `${a}-${b}`)).toThrow(QualysError);
        expect(() => parseIdSet('ids', `${a},0`)).toThrow(/^parameter ids has invalid value/);
      }),
    );
  });
});

/** A 64-address block anywhere in IPv4, so the top of the space (32-bit sign) is covered too. */
const ipBase = fc.oneof(
  fc.constant(2 ** 32 - SIZE),
  fc.constant(0),
  fc.integer({ min: 0, max: 2 ** 26 - 1 }).map((k) => k * SIZE),
);

/** An IP entry relative to `base`: an address, a range or an aligned CIDR block. */
const ipEntry = (base: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: SIZE - 1 }).map((n) => ({ text: formatAddress(base + n), range: [n, n] as const })),
    rangeIn(0, SIZE - 1).map(([lo, hi]) => ({ text: `${formatAddress(base + lo)} - ${formatAddress(base + hi)}`, range: [lo, hi] as const })),
    fc.tuple(fc.integer({ min: 26, max: 32 }), fc.integer({ min: 0, max: SIZE - 1 })).map(([prefix, n]) => {
      const size = 2 ** (32 - prefix);
      const lo = n - (n % size);
      // Any address inside the block names it: Qualys-style CIDRs need not be aligned in the text.
      return { text: `${formatAddress(base + n)}/${prefix}`, range: [lo, lo + size - 1] as const };
    }),
  );

const relative = (set: IntervalSet, base: number) => set.map(([lo, hi]) => [lo - base, hi - base] as const);

describe('IP sets', () => {
  it('parse addresses, ranges and CIDR blocks into their members, and format back', () => {
    fc.assert(
      fc.property(
        ipBase.chain((base) => fc.tuple(fc.constant(base), fc.array(ipEntry(base), { minLength: 1, maxLength: 6 }))),
        ([base, entries]) => {
          const set = parseIpSet('ips', entries.map((e) => e.text).join(','));
          expectCanonical(set);
          expect(sorted(members(relative(set, base)))).toEqual(sorted(members(entries.map((e) => e.range))));
          const formatted = formatIpSet(set);
          expect(formatted.map((e) => e.kind)).toEqual(set.map(([lo, hi]) => (lo === hi ? 'IP' : 'IP_RANGE')));
          expect(parseIpSet('ips', formatted.map((e) => e.value).join(','))).toEqual(set);
        },
      ),
    );
  });

  it('find exactly the overlaps with stored records (the two-seek SQL), against the model', () => {
    // Each address of the universe belongs to record 0, 1, 2 or nobody (-1).
    const owners = fc.array(fc.integer({ min: -1, max: 2 }), { minLength: SIZE, maxLength: SIZE });
    fc.assert(
      fc.property(ipBase, owners, aSet, fc.integer({ min: -1, max: 2 }), (base, owner, query, except) => {
        const db = openDatabase(':memory:');
        try {
          const store = new RecordStore(db);
          const ids = [0, 1, 2].map((r) =>
            store.insert({
              type: 'docker',
              title: `r${r}`,
              fields: {},
              ips: idSetOf(owner.flatMap((o, n) => (o === r ? [base + n] : []))),
              createdAt: 'now',
              createdBy: 'u',
              modifiedAt: 'now',
            }),
          );
          const exceptId = except >= 0 ? ids[except] : undefined;
          const overlaps = store.ipOverlaps(
            'docker',
            query.map(([lo, hi]) => [base + lo, base + hi]),
            exceptId,
          );
          const found = new Map<number, number>();
          for (const o of overlaps) for (const n of members([o.range])) found.set(n - base, ids.indexOf(o.recordId));
          const expected = new Map(
            sorted(members(query))
              .filter((n) => owner[n] >= 0 && owner[n] !== except)
              .map((n) => [n, owner[n]]),
          );
          expect(found).toEqual(expected);
          // Nothing is reported twice, and each part names its holder's title.
          expect(overlaps.reduce((sum, o) => sum + o.range[1] - o.range[0] + 1, 0)).toBe(expected.size);
          for (const o of overlaps) expect(o.title).toBe(`r${ids.indexOf(o.recordId)}`);
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
