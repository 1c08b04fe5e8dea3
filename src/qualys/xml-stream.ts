import { prologue, renderElementText, renderSiblings, type XmlElement } from './xml.js';

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

/** [E] Bytes (of text, characters) gathered before a write: fewer, larger socket writes, and still a bounded buffer. */
const CHUNK_CHARS = 64 * 1024;

const isStreamed = (node: StreamedNode): node is StreamedElement | StreamedList => 'kind' in node;

/**
 * The document's lines, each without its newline, the list's as they come: a batch of list members
 * is one, as bytes, so that members stored written are copied, never decoded and encoded again.
 */
async function* lines(node: StreamedNode, depth: number): AsyncGenerator<string | Buffer> {
  const indent = '  '.repeat(depth);
  if (!isStreamed(node)) {
    yield renderElementText(node, depth);
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
    if (batch.length === 0) continue;
    if (!opened) yield `${indent}<${node.name}>`;
    opened = true;
    // renderSiblings ends each member with a newline; the line leaves the last one out
    const written = renderSiblings(batch, depth + 1);
    yield written.subarray(0, written.length - 1);
  }
  if (opened) yield `${indent}</${node.name}>`;
  else if (!node.omitEmpty) yield `${indent}<${node.name}/>`;
}

/**
 * The document rooted at `root`, naming `dtdPath` under `baseUrl` in its DOCTYPE, in chunks of
 * at least 64 KiB (a batch of members is never split). Pulled, not pushed: a slow reader is
 * written to no faster than it reads.
 */
export async function* streamXml(root: StreamedElement, dtdPath: string, baseUrl: string): AsyncGenerator<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  // lines not yet encoded, each but the first after a newline
  let text = prologue(root.name, dtdPath, baseUrl);
  const encode = () => {
    const bytes = Buffer.from(text);
    parts.push(bytes);
    size += bytes.length;
    text = '';
  };
  const take = () => {
    const chunk = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    parts.length = 0;
    size = 0;
    return chunk;
  };
  for await (const line of lines(root, 0)) {
    if (typeof line === 'string') {
      text += `\n${line}`;
    } else {
      text += '\n';
      encode();
      parts.push(line);
      size += line.length;
    }
    if (size + text.length >= CHUNK_CHARS) {
      if (text !== '') encode();
      yield take();
    }
  }
  text += '\n';
  encode();
  yield take();
}

/** A path element of a streamed document. */
export const streamedPath = (name: string, children: readonly (StreamedNode | undefined | false)[]): StreamedElement => ({
  kind: 'path',
  name,
  children: children.filter((c): c is StreamedNode => Boolean(c)),
});
