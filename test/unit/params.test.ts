import { describe, expect, it } from 'vitest';
import { RequestParams } from '../../src/qualys/params.js';
import { QualysError } from '../../src/qualys/errors.js';

const params = (entries: Record<string, string>) => new RequestParams(Object.entries(entries));
const textOf = (fn: () => unknown) => {
  try {
    return fn();
  } catch (err) {
    return err instanceof QualysError ? `${err.code} ${err.text}` : err;
  }
};

describe('value readers', () => {
  it('integer: within its bounds, leading zeros dropped', () => {
    expect(params({ n: '007' }).integer('n', 1, 10)).toBe('7');
    expect(textOf(() => params({ n: '11' }).integer('n', 1, 10))).toBe('1905 parameter n has invalid value: 11 (not an integer from 1 to 10)');
    expect(textOf(() => params({ n: '1.5' }).integer('n'))).toMatch(/^1905 parameter n has invalid value: 1\.5/);
    expect(params({}).integer('n')).toBeUndefined();
  });

  it('list: comma-separated, each allowed value kept as declared, no empty item', () => {
    expect(params({ l: 'md5, SHA1' }).list('l', 100, ['MD5', 'SHA1'])).toBe('MD5,SHA1');
    expect(params({ l: 'a,b' }).list('l', 100)).toBe('a,b');
    expect(textOf(() => params({ l: 'a,,b' }).list('l', 100))).toBe('1905 parameter l has invalid value: a,,b (an empty item in the list)');
    expect(textOf(() => params({ l: 'MD5,SHA9' }).list('l', 100, ['MD5', 'SHA1']))).toBe(
      '1905 parameter l has invalid value: MD5,SHA9 (each item must be one of: MD5, SHA1)',
    );
    expect(textOf(() => params({ l: 'x'.repeat(11) }).list('l', 10))).toMatch(/longer than 10 characters/);
  });
});
