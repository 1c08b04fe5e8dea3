/**
 * Whole list answers as bytes, so a list asked again, with nothing written since, costs neither
 * SQLite nor rendering: the ID query and its read transaction were a fifth of a list of 10.
 * An answer is reused only for the same call (endpoint, base URL, user, page size, the
 * parameters as received) at the same database generation, which changes whenever this
 * connection writes anything, another connection commits, or the records are reset
 * (`RecordStore.generation`). Only the answer's DATETIME differs, spliced in. Answers that echo
 * the request are not kept (they carry a second DATETIME). Memory is bounded in entries and bytes.
 */
export class ListAnswers {
  private readonly answers = new Map<string, { generation: string; xml: Buffer; datetime: string; datetimeAt: number }>();
  private bytes = 0;

  constructor(private readonly limits = { entries: 256, bytes: 16 * 1024 * 1024, keyChars: 4096 }) {}

  /**
   * The answer to the call `key` at `generation`, its DATETIME set to `datetime`: kept bytes, or
   * `build()`'s, kept when `datetime` is found in them. Nothing is kept or reused without a key
   * or a generation.
   */
  answer(key: string | undefined, generation: string | undefined, datetime: string, build: () => Buffer): Buffer {
    if (key === undefined || generation === undefined || key.length > this.limits.keyChars) return build();
    const kept = this.answers.get(key);
    if (kept !== undefined && kept.generation === generation) {
      // Kept bytes are never changed (they may still be on their way to a socket): a new second
      // gets a copy, kept in their place for the rest of that second.
      if (kept.datetime !== datetime) {
        kept.xml = Buffer.from(kept.xml);
        kept.xml.write(datetime, kept.datetimeAt, 'latin1');
        kept.datetime = datetime;
      }
      return kept.xml;
    }
    const xml = build();
    this.forget(key);
    // The first DATETIME of a list answer without its request echoed is the RESPONSE's own.
    const at = xml.indexOf(`<DATETIME>${datetime}</DATETIME>`);
    if (at < 0 || xml.length > this.limits.bytes / 16) return xml;
    this.answers.set(key, { generation, xml, datetime, datetimeAt: at + '<DATETIME>'.length });
    this.bytes += xml.length;
    // A Map iterates in insertion order: the first keys are the oldest.
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= this.limits.entries && this.bytes <= this.limits.bytes) break;
      this.forget(oldest);
    }
    return xml;
  }

  private forget(key: string): void {
    const kept = this.answers.get(key);
    if (kept === undefined) return;
    this.answers.delete(key);
    this.bytes -= kept.xml.length;
  }
}
