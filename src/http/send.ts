import type { Context } from 'koa';
import { renderXml, type XmlDocumentSpec } from '../qualys/xml.js';
import { simpleReturn, qualysDateTime } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';

/** Checks a rendered document; returns why it is invalid, or undefined. */
export type XmlValidator = (xml: string) => string | undefined;

export type XmlSender = (ctx: Context, status: number, doc: XmlDocumentSpec, headers?: Readonly<Record<string, string>>) => void;

/** A Host header goes into the DOCTYPE; anything but a plain host[:port] is not trusted there. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The base of self-references: --public-url, else the request's scheme and Host. */
export function baseUrlOf(ctx: Context, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const host = PLAIN_HOST.test(ctx.host) ? ctx.host : `${ctx.socket.localAddress}:${ctx.socket.localPort}`;
  return `${ctx.protocol}://${host}`;
}

/**
 * The one place XML reaches the wire. [Q] `Content-Type: text/xml;charset=UTF-8` always, set
 * after the body so Koa does not guess text/html from the leading `<`.
 */
export function createXmlSender(publicUrl: string | undefined, validate?: XmlValidator): XmlSender {
  return (ctx, status, doc, headers = {}) => {
    const base = baseUrlOf(ctx, publicUrl);
    let xml = renderXml(doc, base);
    const problem = validate?.(xml);
    if (problem !== undefined) {
      console.error(`[validate-xml] ${ctx.method} ${ctx.path}: response failed its DTD: ${problem}`);
      const fault = qualysErrors.internal();
      status = fault.status;
      xml = renderXml(simpleReturn({ datetime: qualysDateTime(), code: fault.code, text: fault.text }), base);
    }
    ctx.status = status;
    for (const [k, v] of Object.entries(headers)) ctx.set(k, v);
    ctx.body = xml;
    ctx.set('Content-Type', 'text/xml;charset=UTF-8');
  };
}
