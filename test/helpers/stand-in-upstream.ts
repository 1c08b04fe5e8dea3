import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll } from 'vitest';

/** A request the stand-in received: what the emulator forwarded. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer = (req: Received, res: ServerResponse) => void;

/**
 * A scripted upstream on 127.0.0.1 for the conformance modes: it answers what the test sets
 * (recorded bytes, a 5xx, garbage, nothing at all) and keeps what it was sent. Closed after the file.
 */
export async function standInUpstream(): Promise<{ url: string; received: Received[]; answer(a: Answer): void }> {
  let answer: Answer = (_req, res) => res.writeHead(500).end();
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      answer(r, res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (a) => {
      answer = a;
    },
  };
}

/** Answers `body` as Qualys XML with `status`. */
export const xmlAnswer =
  (body: string, status = 200, headers: Record<string, string> = {}): Answer =>
  (_req, res) =>
    res.writeHead(status, { 'Content-Type': 'text/xml;charset=UTF-8', ...headers }).end(body);
