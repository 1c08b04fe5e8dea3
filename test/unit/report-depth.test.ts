import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../src/tools/report.js';

const deeper = (json: string, max: number) => nestsDeeperThan(Buffer.from(json), max);

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings, escaped quotes included', () => {
    expect(deeper('[[1]]', 2)).toBe(false);
    expect(deeper('[[1]]', 1)).toBe(true);
    expect(deeper('{"a":{"b":[]}}', 3)).toBe(false);
    expect(deeper('{"a":{"b":[]}}', 2)).toBe(true);
    expect(deeper('["[[[[", "\\"[[[[", {"k]]": "{{{{"}]', 2)).toBe(false);
    expect(deeper('["\\\\", [[1]]]', 2)).toBe(true);
    // many levels opened and closed one after another are not deep
    expect(deeper('[]'.repeat(100_000), 1)).toBe(false);
  });

  it('is not fooled by UTF-8: no byte of a multi-byte character is a bracket or a quote', () => {
    expect(deeper('["é[", "日本"]', 1)).toBe(false);
    expect(deeper('[["é"]]', 1)).toBe(true);
  });
});
