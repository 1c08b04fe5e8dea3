import { connect, type Socket } from 'node:net';

/**
 * A bare TCP connection to the emulator, for what fetch cannot send: stalled headers, endless
 * chunked bodies, malformed request lines.
 */
export interface RawConnection {
  socket: Socket;
  /** Writes, waiting for the socket to drain; false once the server has closed the connection. */
  write(data: string | Buffer): Promise<boolean>;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
  /** Bytes the server has sent so far. */
  received(): string;
}

export async function openRaw(baseUrl: string): Promise<RawConnection> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let data = '';
  let open = true;
  socket.on('data', (d) => (data += d.toString('latin1')));
  // A server that cuts a client off may reset the connection; that is an answer, not a failure.
  socket.on('error', () => (open = false));
  const closed = new Promise<string>((resolve) =>
    socket.once('close', () => {
      open = false;
      resolve(data);
    }),
  );
  return {
    socket,
    received: () => data,
    closed,
    async write(chunk) {
      if (!open || socket.destroyed || !socket.writable) return false;
      const flushed = socket.write(chunk);
      if (!flushed)
        await new Promise<void>((resolve) => {
          socket.once('drain', resolve);
          socket.once('close', resolve);
        });
      return open && !socket.destroyed;
    },
  };
}

/** The status code of a raw HTTP/1.1 response, or undefined when it sent none. */
export function rawStatus(response: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(response);
  return match ? Number(match[1]) : undefined;
}

/** The body of a raw response with a Content-Length (what the emulator sends for XML). */
export function rawBody(response: string): string {
  const split = response.indexOf('\r\n\r\n');
  return Buffer.from(response.slice(split + 4), 'latin1').toString('utf8');
}
