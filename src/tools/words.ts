/**
 * Words of a command line, both ways. `splitWords` reads `additional_args` the way a POSIX shell
 * would split it (quotes, backslashes) so callers can write what they would type, but the words
 * only ever reach `spawn` as an argv array. `shellQuote` renders an argv for display.
 */

export class WordSplitError extends Error {}

/**
 * Splits on unquoted blanks; honours '...', "..." (with \\ \" \$ \` escapes) and a backslash
 * outside quotes. [E] Control characters, newlines included, are refused: to a shell a newline
 * separates commands, so no reading of one as a blank would be honest.
 */
export function splitWords(text: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text)) throw new WordSplitError('control characters (such as newlines) are not allowed');
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new WordSplitError('unterminated single quote');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      for (i++; ; i++) {
        if (i >= text.length) throw new WordSplitError('unterminated double quote');
        if (text[i] === '"') break;
        if (text[i] === '\\' && '\\"$`'.includes(text[i + 1] ?? '')) i++;
        word += text[i];
      }
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new WordSplitError('trailing backslash');
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One word, quoted only when a POSIX shell would otherwise read it differently. */
function shellQuoteWord(word: string): string {
  return SAFE_WORD.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The argv as one line a shell would split back into the same words (for display only). */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(shellQuoteWord).join(' ');
}
