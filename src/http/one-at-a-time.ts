import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * [E] Requests a client may send ahead of the answer it is waiting for. Node parses every request
 * of a read (64 KiB, some 2,000 short GETs) before the socket can be paused, and keeps each as a
 * request and a response object (about 1.5 KiB): a client pipelining more than this is cut off,
 * so what one connection holds stays small whatever it sends.
 */
export const MAX_QUEUED = 32;

/**
 * Node's http server keeps its own `_paused` flag on a socket it reads through its parser: while
 * set, the parser stops at the end of the bytes it holds and nothing restarts reading (a request
 * body wanting more, the socket's own resume). It is how Node stops reading a client whose
 * answers pile up, and the only pause that holds; `pause()` alone is undone by the next read.
 */
type ServerSocket = Socket & { _paused?: boolean; parser?: { resume(): void } | null };

type Request = readonly [IncomingMessage, ServerResponse];

/** One connection: the request being answered, the ones parsed behind it, and whether we stopped reading. */
class Line {
  active: ServerResponse | undefined;
  /** Between an answer taken and the start of the request queued behind it. */
  waiting = false;
  queued: Request[] = [];
  /** When the sweep first saw the active answer written but not yet taken by the client. */
  endedSeenAt: number | undefined;
  private paused = false;

  constructor(readonly socket: ServerSocket) {}

  get busy(): boolean {
    return this.active !== undefined || this.waiting;
  }

  /**
   * Stops reading while a whole request waits behind the active one. Not for the one request that
   * arrives after the active answer is all written but before the socket calls it taken: over TLS
   * that report comes a little after a client on another host or process can read the answer and
   * send its next request, whose body, decrypted with its headers, would reach a stopped parser
   * (Node's `HPE_PAUSED`, and the connection cut). A client that takes no answer is still stopped:
   * by its second request queued, by Node's own check on writes waiting, and by --send-timeout.
   */
  hold(): void {
    if (this.queued.length === 0 || this.socket.destroyed) return;
    if (this.queued.length === 1 && this.active?.writableEnded) return;
    this.paused = true;
    this.socket._paused = true;
    this.socket.pause();
  }

  /** Reads again (the next request may still be arriving, its body too). */
  release(): void {
    if (!this.paused || this.socket.destroyed) return;
    this.paused = false;
    this.socket._paused = false;
    this.socket.parser?.resume();
    this.socket.resume();
  }
}

export interface OneAtATimeLimits {
  /** Milliseconds a client has to take an answer once it is written before it is disconnected. */
  sendTimeout: number;
}

/**
 * Answers the requests of each connection one at a time, in order: a request is handed to the
 * app only once the answer before it has been taken by the client (its 'finish'), and the
 * socket is not read while a whole request waits. So a client that sends and never reads holds
 * one request's work and one answer, not thousands; a client that leaves has the requests it
 * queued dropped undone; and an answer the client does not take within `sendTimeout` (it reads
 * too slowly, or not at all) ends its connection, freeing its place under --max-connections.
 */
export class OneAtATime {
  private readonly lines = new WeakMap<Socket, Line>();
  /** Connections with a request in the app, an answer not yet taken, or one about to start. */
  private readonly busy = new Set<Line>();
  private readonly sweep: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly handler: RequestListener,
    private readonly limits: OneAtATimeLimits,
  ) {
    // One timer for all connections rather than one per answer; an answer is cut off between
    // sendTimeout and one tick more.
    this.sweep = setInterval(() => this.cutStalled(), Math.min(1000, Math.max(10, limits.sendTimeout / 4)));
    this.sweep.unref();
  }

  /** The listener for Node's 'request' event. */
  readonly listener: RequestListener = (req, res) => {
    const socket = req.socket as ServerSocket;
    const line = this.lines.get(socket) ?? this.open(socket);
    if (socket.destroyed) return;
    // on a stopping server, with `Connection: close`
    if (!line.busy) return this.start(line, req, res);
    // a stopping server starts nothing queued: its connection closes after the answer in
    // progress, and a request never acted on may be sent again
    if (this.closing) return;
    // a client cut off takes its queue along, undone
    if (line.queued.length >= MAX_QUEUED) return void socket.destroy();
    line.queued.push([req, res]);
    line.hold();
  };

  /**
   * From now on no queued request starts and every connection closes once its answer is taken:
   * the answers being worked out carry `Connection: close` (unless already begun). The server's
   * own close says when the last connection has gone.
   */
  stop(): void {
    this.closing = true;
    for (const line of this.busy) {
      line.queued = [];
      if (line.active !== undefined && !line.active.headersSent) line.active.shouldKeepAlive = false;
    }
  }

  /** Stops, and stops the sweep; the server's connections are closed by the server. */
  close(): void {
    this.stop();
    clearInterval(this.sweep);
  }

  private open(socket: ServerSocket): Line {
    const line = new Line(socket);
    this.lines.set(socket, line);
    // A client gone, or done sending (Node then ends the connection): what it queued is not done.
    socket.once('end', () => (line.queued = []));
    socket.once('close', () => {
      line.queued = [];
      line.active = undefined;
      this.busy.delete(line);
    });
    // Node's own 'drain' handler reads again whenever the socket's writes drain
    socket.on('drain', () => line.hold());
    return line;
  }

  private start(line: Line, req: IncomingMessage, res: ServerResponse): void {
    line.active = res;
    line.endedSeenAt = undefined;
    this.busy.add(line);
    if (this.closing) res.shouldKeepAlive = false;
    res.once('finish', () => this.finished(line));
    this.handler(req, res);
  }

  private finished(line: Line): void {
    line.active = undefined;
    const { socket } = line;
    if (this.closing) {
      this.busy.delete(line);
      line.queued = [];
      // an answer begun before the stop said keep-alive: end the connection all the same
      socket.destroySoon();
      return;
    }
    if (line.queued.length === 0) {
      this.busy.delete(line);
      line.release();
      return;
    }
    // Read once more before the next request starts, so that a client which has left since is
    // seen (its end of stream) and its queue dropped undone: the first setImmediate runs before
    // the event loop polls the socket again, the second after.
    line.waiting = true;
    line.release();
    setImmediate(() => setImmediate(() => this.startNext(line)));
  }

  private startNext(line: Line): void {
    line.waiting = false;
    const next = line.queued.shift();
    if (next === undefined || line.socket.destroyed || this.closing) {
      this.busy.delete(line);
      line.queued = [];
      if (this.closing) line.socket.destroySoon();
      return;
    }
    this.start(line, ...next);
    line.hold();
  }

  private cutStalled(): void {
    const now = Date.now();
    for (const line of this.busy) {
      if (line.active === undefined || !line.active.writableEnded) continue;
      line.endedSeenAt ??= now;
      if (now - line.endedSeenAt >= this.limits.sendTimeout) line.socket.destroy();
    }
  }
}
