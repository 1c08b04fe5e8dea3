/**
 * A page of a host list written to the socket as it is read: hosts are read from SQLite a chunk
 * at a time, each chunk only once the socket has taken the last (a stream's backpressure), so a
 * page of any size holds one chunk in memory. Each chunk is its own short read: no statement
 * stays open across turns of the event loop, so other requests use the connection between them
 * ([E] a write landing mid-page shows in the chunks read after it, as paging by id_min would).
 */

/** A chunk of hosts as it goes on the wire. */
export interface PageChunk {
  /** How many hosts it holds (0: none left). */
  count: number;
  /** The ID of its last host. */
  lastId: number;
  /** Its bytes, in one buffer or in parts written one after another. */
  bytes: Buffer | readonly Buffer[];
}

export interface PagePlan {
  /** At most `n` hosts with IDs above `after`, by ID. */
  read(after: number, n: number): PageChunk;
  /** Hosts per page; 0: no limit [Q: truncation_limit=0]. */
  limit: number;
  /** The document up to its first host. */
  head: Buffer;
  /** The document after its last host, given the first ID of the next page when truncated. */
  tail(nextId: number | undefined): Buffer;
}

/** Hosts as a chunk: `bytes` of the rows read. */
export const chunkOf = <T extends { id: number }>(rows: readonly T[], bytes: (rows: readonly T[]) => PageChunk['bytes']): PageChunk => ({
  count: rows.length,
  lastId: rows.length === 0 ? 0 : rows[rows.length - 1].id,
  bytes: bytes(rows),
});

/** [E] Hosts per read: a chunk of 1,000 hosts with 20 detections each would be about 15 MB. */
export const CHUNK = 100;

/** How many hosts the first read of a page takes. */
export const firstRead = (limit: number) => (limit === 0 ? CHUNK : Math.min(CHUNK, limit));

async function* chunks(plan: PagePlan, first: PageChunk): AsyncGenerator<Buffer> {
  yield plan.head;
  const max = plan.limit === 0 ? Infinity : plan.limit;
  let chunk = first;
  let asked = firstRead(plan.limit);
  let sent = 0;
  while (chunk.count > 0) {
    if (Buffer.isBuffer(chunk.bytes)) yield chunk.bytes;
    else yield* chunk.bytes;
    sent += chunk.count;
    // a short read was the last one
    if (sent >= max || chunk.count < asked) break;
    asked = Math.min(CHUNK, max - sent);
    chunk = plan.read(chunk.lastId, asked);
  }
  let next: number | undefined;
  if (sent >= max) {
    const after = plan.read(chunk.lastId, 1);
    next = after.count > 0 ? after.lastId : undefined;
  }
  yield plan.tail(next);
}

/** The page as a streamed answer, its first read (not empty) already made. */
export function pageStream(plan: PagePlan, first: PageChunk): { stream: AsyncIterable<Buffer> } {
  return { stream: chunks(plan, first) };
}
