/**
 * HAR 1.2 (the HTTP Archive format browsers and proxies write) as the recordings use it: one entry
 * per exchange with the upstream, bodies as plain text, every secret masked by a `Redaction`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { NameValue, Pair, Redaction } from './redaction.js';

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: [];
  headers: NameValue[];
  queryString: NameValue[];
  postData?: { mimeType: string; params?: NameValue[]; text?: string; comment?: string };
  headersSize: -1;
  bodySize: number;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: [];
  headers: NameValue[];
  content: { size: number; mimeType: string; text: string; encoding?: string };
  redirectURL: string;
  headersSize: -1;
  bodySize: number;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
}

/** One call and the upstream's answer to it, as the conformance step saw them. */
export interface Exchange {
  started: Date;
  durationMs: number;
  method: string;
  upstream: string;
  path: string;
  /** The query's parameters, then the body's, as received. */
  query: readonly Pair[];
  body:
    | { kind: 'form'; params: readonly Pair[]; mimeType: string }
    | { kind: 'xml'; text: string; mimeType: string }
    | { kind: 'other'; mimeType: string; bytes: number }
    | null;
  requestHeaders: IncomingHttpHeaders;
  status: number;
  answerHeaders: IncomingHttpHeaders;
  answer: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** A form as urlencoded text, from pairs already masked. */
const encoded = (pairs: readonly NameValue[]) => new URLSearchParams(pairs.map(({ name, value }) => [name, value])).toString();

function postData(exchange: Exchange, redaction: Redaction): HarRequest['postData'] {
  const { body } = exchange;
  if (body === null) return undefined;
  if (body.kind === 'xml') return { mimeType: body.mimeType, text: redaction.xml(body.text) };
  if (body.kind === 'other') return { mimeType: body.mimeType, comment: `${body.bytes} bytes not recorded: neither a form nor XML` };
  const params = redaction.params(body.params);
  // [E] a multipart form is written as the urlencoded form of its fields, so that it reads as text
  const comment = body.mimeType.startsWith(FORM) ? undefined : `sent as ${body.mimeType.split(';')[0]}`;
  return { mimeType: FORM, params, text: encoded(params), ...(comment === undefined ? {} : { comment }) };
}

/** The exchange as a HAR entry with nothing secret left in it. */
export function harEntry(exchange: Exchange, redaction: Redaction): HarEntry {
  redaction.addAnswer(exchange.answerHeaders);
  const queryString = redaction.params(exchange.query);
  const query = encoded(queryString);
  const text = redaction.xml(exchange.answer);
  const answerType = exchange.answerHeaders['content-type'] ?? '';
  const location = exchange.answerHeaders.location;
  return {
    startedDateTime: exchange.started.toISOString(),
    time: exchange.durationMs,
    request: {
      method: exchange.method,
      url: `${exchange.upstream}${exchange.path}${query === '' ? '' : `?${query}`}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: redaction.headers(exchange.requestHeaders),
      queryString,
      ...(exchange.body === null ? {} : { postData: postData(exchange, redaction) }),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: exchange.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: redaction.headers(exchange.answerHeaders),
      content: { size: Buffer.byteLength(text), mimeType: answerType, text },
      redirectURL: location === undefined ? '' : redaction.text(location),
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: exchange.durationMs, receive: 0 },
  };
}
