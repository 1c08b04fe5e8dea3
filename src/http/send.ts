import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Context } from 'koa';
import { renderXml, type XmlDocumentSpec } from '../qualys/xml.js';
import { simpleReturn, qualysDateTime } from '../qualys/envelopes.js';
import { QualysError, qualysErrors } from '../qualys/errors.js';

/** Checks a rendered document; returns why it is invalid, or undefined. */
export type XmlValidator = (xml: string) => string | undefined;

/**
 * The one place XML is rendered and reaches the wire. Rendering is apart from writing so that a
 * write action renders its answer inside its transaction: whatever can fail (rendering,
 * --validate-xml) fails before the commit, and what follows the commit cannot fail.
 */
export interface XmlOutput {
  /** The document as this request's answer; one that fails its DTD is logged and throws CODE 999. */
  render(ctx: Context, doc: XmlDocumentSpec): Buffer;
  /** Writes a rendered answer; `contentType` for one that is not XML (a scan fetch's CSV or JSON). */
  write(ctx: Context, status: number, xml: Buffer, headers?: Readonly<Record<string, string>>, contentType?: string): void;
  /**
   * Writes an answer streamed as it is read (src/qualys/xml-stream.ts). Under --validate-xml an XML
   * one is gathered whole and checked first, as no byte of an answer that fails its DTD may leave;
   * one of another `contentType` (the detections' CSV) is not XML to check.
   */
  stream(ctx: Context, status: number, chunks: AsyncIterable<Buffer>, contentType?: string): Promise<void>;
  /** Renders and writes; a document that fails its DTD is answered as CODE 999 instead. */
  send(ctx: Context, status: number, doc: XmlDocumentSpec, headers?: Readonly<Record<string, string>>): void;
}

/**
 * [E] Bytes written between turns of the event loop, as many as the stream holds ahead of the
 * socket: a turn every 64 KiB measured slower, 256 KiB not (bench/README.md).
 */
const TURN_BYTES = 256 * 1024;

/**
 * The chunks, with a turn of the event loop after each 256 KiB. A stream is pulled through
 * promises, which never leave the loop's current turn: while the socket takes every write, a whole
 * answer (any streamed one: host pages, the KnowledgeBase) would be written before another
 * request is read.
 */
async function* givingWay(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let since = 0;
  for await (const chunk of chunks) {
    yield chunk;
    since += chunk.length;
    if (since >= TURN_BYTES) {
      since = 0;
      await nextTurn();
    }
  }
}

/** What a streamed answer's pipe fails with when the client goes away. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']);

/** A Host header goes into the DOCTYPE; anything but a plain host[:port] is not trusted there. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The last Host header and scheme seen with a plain host, and the base they make. */
let lastBase: { header: string; secure: boolean; base: string } | undefined;

/** The base of self-references: --public-url, else the request's scheme and Host. */
export function baseUrlOf(ctx: Context, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  // Koa's `host` is a function of the Host header alone (no proxy, HTTP/1): the same header, the
  // same base. Working it out afresh was a twentieth of a short list's time.
  const header = ctx.req.headers.host;
  const secure = ctx.secure;
  if (lastBase !== undefined && header === lastBase.header && secure === lastBase.secure) return lastBase.base;
  if (!PLAIN_HOST.test(ctx.host)) return `${ctx.protocol}://${ctx.socket.localAddress}:${ctx.socket.localPort}`;
  const base = `${ctx.protocol}://${ctx.host}`;
  if (header !== undefined) lastBase = { header, secure, base };
  return base;
}

const XML_TYPE = 'text/xml;charset=UTF-8';

/** [Q] `Content-Type: text/xml;charset=UTF-8` for every XML answer. */
export function createXmlOutput(publicUrl: string | undefined, validate?: XmlValidator): XmlOutput {
  const render = (ctx: Context, doc: XmlDocumentSpec): Buffer => {
    const xml = renderXml(doc, baseUrlOf(ctx, publicUrl));
    const problem = validate?.(xml.toString('utf8'));
    if (problem !== undefined) {
      console.error(`[validate-xml] ${ctx.method} ${ctx.path}: response failed its DTD: ${problem}`);
      throw qualysErrors.internal();
    }
    return xml;
  };
  const write = (ctx: Context, status: number, xml: Buffer | Readable, headers: Readonly<Record<string, string>> = {}, contentType = XML_TYPE): void => {
    ctx.status = status;
    for (const [k, v] of Object.entries(headers)) ctx.set(k, v);
    // Set before the body: Koa then guesses no type of its own (a lookup and a header more).
    ctx.set('Content-Type', contentType);
    ctx.body = xml;
  };
  const send = (ctx: Context, status: number, doc: XmlDocumentSpec, headers?: Readonly<Record<string, string>>): void => {
    try {
      write(ctx, status, render(ctx, doc), headers);
    } catch (err) {
      if (!(err instanceof QualysError)) throw err;
      const fault = qualysErrors.internal();
      write(ctx, fault.status, renderXml(simpleReturn({ datetime: qualysDateTime(), code: fault.code, text: fault.text }), baseUrlOf(ctx, publicUrl)));
    }
  };
  const stream = async (ctx: Context, status: number, source: AsyncIterable<Buffer>, contentType = XML_TYPE): Promise<void> => {
    const chunks = givingWay(source);
    if (validate && contentType === XML_TYPE) {
      const parts: Buffer[] = [];
      for await (const chunk of chunks) parts.push(chunk);
      const xml = Buffer.concat(parts);
      const problem = validate(xml.toString('utf8'));
      if (problem !== undefined) {
        console.error(`[validate-xml] ${ctx.method} ${ctx.path}: response failed its DTD: ${problem}`);
        throw qualysErrors.internal();
      }
      write(ctx, status, xml);
      return;
    }
    // Koa pipes the stream to the socket, which, should a read fail halfway, it cuts: the status
    // is sent, so the client sees a truncated document rather than waiting for an end [E]
    // [E] a few chunks ahead of the socket, so that reading the next batch overlaps sending this one
    const body = Readable.from(chunks, { objectMode: false, highWaterMark: 256 * 1024 });
    // A client that leaves before the end is not a fault of the emulator's: not logged.
    const onerror = ctx.onerror.bind(ctx);
    ctx.onerror = (err) => {
      if (!CLIENT_GONE.has((err as NodeJS.ErrnoException | null)?.code ?? '')) onerror(err);
    };
    ctx.status = status;
    ctx.set('Content-Type', contentType);
    ctx.body = body;
  };
  return { render, write, stream, send };
}
