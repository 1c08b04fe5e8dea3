/**
 * A page of a host list written to the socket as it is read: hosts are read from SQLite a chunk
 * at a time, each chunk only once the socket has taken the last (a stream's backpressure), so a
 * page of any size holds one chunk in memory. Each chunk is its own short read: no statement
 * stays open across turns of the event loop, so other requests use the connection between them
 * ([E] a write landing mid-page shows in the chunks read after it, as paging by id_min would).
 */

/** One host as it goes on the wire. */
export interface PageItem {
  id: number;
  bytes: Buffer;
}

export interface PagePlan {
  /** At most `n` items with IDs above `after`, by ID. */
  read(after: number, n: number): PageItem[];
  /** Hosts per page; 0: no limit [Q: truncation_limit=0]. */
  limit: number;
  /** The document up to its first host. */
  head: Buffer;
  /** The document after its last host, given the first ID of the next page when truncated. */
  tail(nextId: number | undefined): Buffer;
}

/** [E] Hosts per read: a chunk of 1,000 hosts with 20 detections each would be about 15 MB. */
export const CHUNK = 100;

/** How many hosts the first read of a page takes. */
export const firstRead = (limit: number) => (limit === 0 ? CHUNK : Math.min(CHUNK, limit));

async function* chunks(plan: PagePlan, first: PageItem[]): AsyncGenerator<Buffer> {
  yield plan.head;
  const max = plan.limit === 0 ? Infinity : plan.limit;
  let items = first;
  let asked = firstRead(plan.limit);
  let sent = 0;
  let last = 0;
  while (items.length > 0) {
    yield Buffer.concat(items.map((i) => i.bytes));
    sent += items.length;
    last = items[items.length - 1].id;
    // a short read was the last one
    if (sent >= max || items.length < asked) break;
    asked = Math.min(CHUNK, max - sent);
    items = plan.read(last, asked);
  }
  yield plan.tail(sent >= max ? plan.read(last, 1)[0]?.id : undefined);
}

/** The page as a streamed answer, its first read (not empty) already made. */
export function pageStream(plan: PagePlan, first: PageItem[]): { stream: AsyncIterable<Buffer> } {
  return { stream: chunks(plan, first) };
}
