import { describe, expect, it } from 'vitest';
import { GENERIC_LIST_ORDER, genericListOrder } from '../../src/auth-records/generic-list.js';
import { RECORD_TYPES } from '../../src/auth-records/types/index.js';

// The generic list's fixed order (docs/fidelity.md §6) must name every declared type, so a new
// type cannot be forgotten in it, and nothing that is not declared.
describe('the generic list order', () => {
  it('names every declared type once, and only declared types', () => {
    const declared = RECORD_TYPES.map((t) => t.name);
    expect(declared.filter((n) => !GENERIC_LIST_ORDER.includes(n))).toEqual([]);
    expect(GENERIC_LIST_ORDER.filter((n) => !declared.includes(n))).toEqual([]);
    expect(new Set(GENERIC_LIST_ORDER).size).toBe(GENERIC_LIST_ORDER.length);
  });

  it('refuses a type without a place rather than putting it anywhere', () => {
    expect(() => genericListOrder([...RECORD_TYPES, { ...RECORD_TYPES[0], name: 'newtype' }])).toThrow(/newtype has no place/);
    expect(genericListOrder(RECORD_TYPES).map((t) => t.name)).toEqual(GENERIC_LIST_ORDER);
  });
});
