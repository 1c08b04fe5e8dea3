import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shellQuote, splitWords, WordSplitError } from '../../src/tools/words.js';

describe('splitWords and shellQuote', () => {
  it.each([
    ['--check 1.1  -v 3', ['--check', '1.1', '-v', '3']],
    [`--check '1.1;id'`, ['--check', '1.1;id']],
    [`a"b c"d`, ['ab cd']],
    [`"a\\"b" 'c\\d'`, ['a"b', 'c\\d']],
    [`a\\ b ''`, ['a b', '']],
    ['', []],
  ])('splits %j like a shell', (text, words) => {
    expect(splitWords(text)).toEqual(words);
  });

  it.each(['a\nb', 'a\rb', '"open', "'open", 'end\\'])('refuses %j', (text) => {
    expect(() => splitWords(text)).toThrow(WordSplitError);
  });

  it('quotes for display so that splitting gives the argv back', () => {
    fc.assert(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strings without control characters, which splitWords refuses
      fc.property(fc.array(fc.string().filter((s) => !/[\u0000-\u001f\u007f]/.test(s))), (argv) => {
        expect(splitWords(shellQuote(argv))).toEqual(argv);
      }),
    );
    expect(shellQuote(['kube-bench', 'run', "it's", '$(id)', ''])).toBe(`kube-bench run 'it'\\''s' '$(id)' ''`);
  });
});
