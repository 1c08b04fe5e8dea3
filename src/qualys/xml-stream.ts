import { prologue, renderElement, type XmlElement } from './xml.js';

/**
 * A document written to the socket as it is read, for answers too large to hold: a whole
 * KnowledgeBase, a full pull of hosts. Everything but one list is known when the answer starts;
 * the list's members arrive in batches (one read of the store each), each written as soon as it
 * comes, so memory holds one batch, never the document. The bytes are those `renderXml` writes for
 * the same tree (test/unit/xml-stream.test.ts holds the two together).
 */

/** The element whose children arrive in batches. */
export interface StreamedList {
  readonly kind: 'list';
  readonly name: string;
  /** Batch after batch; async, so a batch may wait (for a COMMIT, say) before it is read. */
  readonly batches: AsyncIterable<readonly XmlElement[]>;
  /** [Q for Qualys's lists] written not at all, rather than empty, when no member comes. */
  readonly omitEmpty?: boolean;
}

/** An element on the way from the root to the streamed list: its children, known ones and the list. */
export interface StreamedElement {
  readonly kind: 'path';
  readonly name: string;
  readonly children: readonly (XmlElement | StreamedElement | StreamedList)[];
}

export type StreamedNode = XmlElement | StreamedElement | StreamedList;

/** [E] Bytes gathered before a write: fewer, larger socket writes, and still a bounded buffer. */
const CHUNK_BYTES = 64 * 1024;

const isStreamed = (node: StreamedNode): node is StreamedElement | StreamedList => 'kind' in node;

/** The document's lines (each without its newline), the list's members as they come. */
async function* lines(node: StreamedNode, depth: number): AsyncGenerator<string | Buffer> {
  const indent = '  '.repeat(depth);
  if (!isStreamed(node)) {
    yield renderElement(node, depth);
    return;
  }
  if (node.kind === 'path') {
    yield `${indent}<${node.name}>`;
    for (const child of node.children) yield* lines(child, depth + 1);
    yield `${indent}</${node.name}>`;
    return;
  }
  let opened = false;
  for await (const batch of node.batches) {
    for (const member of batch) {
      if (!opened) yield `${indent}<${node.name}>`;
      opened = true;
      yield renderElement(member, depth + 1);
    }
  }
  if (opened) yield `${indent}</${node.name}>`;
  else if (!node.omitEmpty) yield `${indent}<${node.name}/>`;
}

/**
 * The document rooted at `root`, naming `dtdPath` under `baseUrl` in its DOCTYPE, as chunks of
 * about 64 KiB. Pulled, not pushed: a slow reader is written to no faster than it reads.
 */
export async function* streamXml(root: StreamedElement, dtdPath: string, baseUrl: string): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [Buffer.from(prologue(root.name, dtdPath, baseUrl))];
  let size = pending[0].length;
  const NEWLINE = Buffer.from('\n');
  for await (const line of lines(root, 0)) {
    const bytes = typeof line === 'string' ? Buffer.from(line) : line;
    pending.push(NEWLINE, bytes);
    size += 1 + bytes.length;
    if (size >= CHUNK_BYTES) {
      yield Buffer.concat(pending, size);
      pending = [];
      size = 0;
    }
  }
  pending.push(NEWLINE);
  yield Buffer.concat(pending, size + 1);
}

/** A path element of a streamed document. */
export const streamedPath = (name: string, children: readonly (StreamedNode | undefined | false)[]): StreamedElement => ({
  kind: 'path',
  name,
  children: children.filter((c): c is StreamedNode => Boolean(c)),
});
