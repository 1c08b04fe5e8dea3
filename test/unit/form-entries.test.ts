import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formEntries } from '../../src/http/form-entries.js';

/** The fast reading of form strings must be URLSearchParams's, whatever the string. */
const byWhatwg = (text: string) => [...new URLSearchParams(text)];

/** Strings built from the pieces that matter: separators, escapes (whole, cut, bad), `+`, any character. */
const formLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '&',
        '=',
        '+',
        '%',
        '%2',
        '%zz',
        '%20',
        '%2B',
        '%26',
        '%3D',
        '%C3%A9',
        '%C3',
        '%A9',
        '%EF%BB%BF',
        '%F0%9F%98%80',
        '%ED%A0%80',
        'é',
        '😀',
        '\uD800',
        '\uDC00',
        '\u0000',
      ),
      fc.string(),
      fc.string({ unit: 'binary' }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('formEntries', () => {
  it('reads every string as URLSearchParams does', () => {
    fc.assert(
      fc.property(formLike, (text) => {
        expect(formEntries(text)).toEqual(byWhatwg(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the usual strings itself, in order, repeated names kept', () => {
    for (const text of ['action=list&ids=1-10', 'a=1&a=2&&b&=c&d=', 'title=a+b%2Bc&ips=10.0.0.1%2C10.0.0.2', '', '&', '=']) {
      expect(formEntries(text)).toEqual(byWhatwg(text));
    }
    expect(formEntries('a=1&a=2')).toEqual([
      ['a', '1'],
      ['a', '2'],
    ]);
  });
});
