/**
 * The first `max` characters of `text`, and whether any were cut. A cut string is copied: V8
 * keeps a slice of a long string as a view that holds the whole original alive, so a slice
 * alone would not bound what an in-memory log holds.
 */
export function clip(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  return { text: Buffer.from(text.slice(0, max), 'utf16le').toString('utf16le'), cut: true };
}
