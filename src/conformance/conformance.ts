import { randomUUID } from 'node:crypto';
import compose from 'koa-compose';
import type { IncomingHttpHeaders } from 'node:http';
import type { ConformanceSettings, User } from '../settings/config.js';
import { baseUrlOf } from '../http/send.js';
import type { AppContext, AppMiddleware } from '../http/state.js';
import { qualysErrors, QualysError } from '../qualys/errors.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import type { SecretParams } from '../qualys/secrets.js';
import { readCall, type ClientCall } from './call.js';
import { harEntry } from './har.js';
import { HarWriter, readHar } from './har-file.js';
import { Redaction, type NameValue } from './redaction.js';
import { Recording, substituted } from './replay.js';
import { ConformanceReport } from './report.js';
import { compare, NotXml, outline, type Compared, type Outline, type StructuralDifference } from './structure.js';
import { forwardedHeaders, sendUpstream, UPSTREAM_BODY_CAP, type UpstreamAnswer } from './upstream-client.js';

export interface ConformanceDeps {
  settings: ConformanceSettings;
  maxBody: number;
  publicUrl: string | undefined;
  /** The emulator's side of a compared call runs as this user, once the upstream has accepted the caller. */
  user: User;
  secrets: SecretParams;
  /** Reads a call's parameters (the API's body step). */
  bodyStep: AppMiddleware;
  /** Authenticates a caller as the emulator's own users (replay). */
  authenticate: AppMiddleware;
  /** Turns an error thrown inside it into the Qualys error envelope (compare: the emulator's answer, whole). */
  envelope: AppMiddleware;
}

/** [E] The calls the modes take: every API path but the DTDs and the emulator's own tool runners. */
const taken = (path: string) => path.startsWith('/api/') && !path.endsWith('.dtd') && !path.startsWith('/api/tools/');

/** [E] The upstream's answer headers a client gets besides the body's type: its session and its rate counts. */
const PASSED = /^(content-type|set-cookie|location|allow|x-ratelimit-.*|x-concurrency-limit-.*)$/;

/** An answer's outline, or null when it is not XML. */
function outlineOf(body: string): Outline | null {
  try {
    return outline(body);
  } catch (err) {
    if (err instanceof NotXml) return null;
    throw err;
  }
}

/**
 * The conformance modes (docs/conformance.md): record, replay and compare, each a step of the
 * request pipeline in front of the API's own routes, and what they keep: the recording written,
 * the recording replayed, the report of differences and each compared call's own difference.
 */
export class Conformance {
  readonly report = new ConformanceReport();
  private readonly differences = new WeakMap<AppContext, StructuralDifference>();
  private readonly writer: HarWriter | undefined;
  private readonly recording: Recording | undefined;
  /** What this emulator adds to the Via header of what it forwards, so that a loop back to itself is seen. */
  private readonly via = `1.1 qualys-emulator-${randomUUID()}`;

  constructor(private readonly deps: ConformanceDeps) {
    const { settings } = deps;
    this.recording = settings.replayFile === undefined ? undefined : new Recording(readHar(settings.replayFile));
    this.writer = settings.recordFile === undefined ? undefined : new HarWriter(settings.recordFile);
  }

  /** The difference the compared call `ctx` found, for its journal entry; null for none. */
  differenceOf(ctx: AppContext): StructuralDifference | null {
    return this.differences.get(ctx) ?? null;
  }

  /** The pipeline step of the mode configured, or a step that passes every call on. */
  step(): AppMiddleware {
    const { mode } = this.deps.settings;
    const step =
      this.recording !== undefined
        ? compose<AppContext>([this.deps.authenticate, this.deps.bodyStep, (ctx) => this.replay(ctx)])
        : mode === 'record'
          ? (ctx: AppContext) => this.record(ctx)
          : mode === 'compare'
            ? (ctx: AppContext, next: () => Promise<unknown>) => this.compare(ctx, next)
            : undefined;
    if (step === undefined) return (_ctx, next) => next();
    return (ctx, next) => {
      if (!taken(ctx.path)) return next();
      // [E] an upstream that leads back here (its own address, or a ring of emulators) would forward forever
      if (ctx.get('Via').includes(this.via)) throw qualysErrors.upstreamFailed('it leads back to this emulator (--upstream names its own address)');
      return step(ctx, next);
    };
  }

  close(): void {
    this.writer?.close();
  }

  /** Sends the call upstream; the answer, recorded (redacted) when a recording is kept. */
  private async upstream(call: ClientCall): Promise<UpstreamAnswer> {
    const { settings } = this.deps;
    const headers = forwardedHeaders(call.headers);
    const via = call.headers.via;
    headers.via = via === undefined ? this.via : `${via}, ${this.via}`;
    const answer = await sendUpstream(
      settings.upstream!,
      { method: call.method, target: call.target, headers, body: call.bytes },
      { timeoutMs: settings.upstreamTimeout * 1000, maxBytes: UPSTREAM_BODY_CAP },
    );
    if (this.writer !== undefined) {
      const redaction = new Redaction(this.deps.secrets, call.params, call.headers);
      const exchange = {
        started: new Date(call.time),
        durationMs: Date.now() - call.time,
        method: call.method,
        upstream: settings.upstream!,
        path: call.path,
        query: call.query,
        body: call.body,
        requestHeaders: headers,
        status: answer.status,
        answerHeaders: answer.headers,
        answer: answer.body.toString('utf8'),
      };
      try {
        this.writer.append(harEntry(exchange, redaction));
      } catch (err) {
        // [E] the upstream has acted on the call (a write, perhaps): its answer still reaches the client
        console.error(`qualys-emulator: could not append to the recording: ${(err as Error).message}`);
      }
    }
    return answer;
  }

  /** Record: the upstream's answer, recorded; one that is not XML becomes a 502 (it is recorded all the same). */
  private async record(ctx: AppContext): Promise<void> {
    const call = await readCall(ctx, this.deps.maxBody, this.deps.bodyStep);
    const answer = await this.upstream(call);
    this.answerWith(ctx, answer, outlineOf(answer.body.toString('utf8')));
  }

  /**
   * Compare: the call goes to the upstream, then to the emulator (so a write's state follows the
   * real one), as the emulator's first user once the upstream has taken the caller's credentials;
   * the two answers' structural difference is reported, and the client gets the answer
   * `--compare-answer` names.
   */
  private async compare(ctx: AppContext, next: () => Promise<unknown>): Promise<void> {
    const call = await readCall(ctx, this.deps.maxBody, this.deps.bodyStep);
    let answer: UpstreamAnswer | QualysError;
    try {
      answer = await this.upstream(call);
    } catch (err) {
      if (!(err instanceof QualysError)) throw err;
      answer = err;
    }
    // [E] the upstream judges the caller's credentials; a caller it refused is refused here too
    if (answer instanceof QualysError || answer.status !== 401) {
      const { login, password } = this.deps.user;
      ctx.req.headers.authorization = `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
      delete ctx.req.headers.cookie;
    }
    await this.deps.envelope(ctx, next);
    const body: unknown = ctx.body;
    const emulatorText = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
    const upstreamOutline = answer instanceof QualysError ? null : outlineOf(answer.body.toString('utf8'));
    const upstream: Compared = { status: answer.status, outline: upstreamOutline };
    const difference = compare(upstream, { status: ctx.status, outline: outlineOf(emulatorText) });
    this.report.add({ time: call.time, method: call.method, path: call.path, action: call.action }, difference);
    if (difference !== null) this.differences.set(ctx, difference);
    if (this.deps.settings.compareAnswer === 'emulator') return;
    for (const name of Object.keys(ctx.response.headers)) ctx.remove(name);
    if (answer instanceof QualysError) throw answer;
    this.answerWith(ctx, answer, upstreamOutline);
  }

  /** Replay: the recorded answer to the call, made the emulator's own; a call never recorded is a 404. */
  private replay(ctx: AppContext): void {
    const params = ctx.state.params?.entries ?? [];
    const redaction = new Redaction(this.deps.secrets, params, ctx.req.headers);
    const xml = ctx.state.xmlBody;
    const found = this.recording!.answer({
      method: ctx.method,
      path: ctx.path,
      params: redaction.params(params),
      xml: xml === undefined ? null : redaction.xml(xml),
    });
    if (found === undefined) throw qualysErrors.notRecorded(ctx.method, ctx.path);
    const base = baseUrlOf(ctx, this.deps.publicUrl);
    const text = substituted(found, base, qualysDateTime());
    this.send(ctx, found.status, headersOf(found.headers), Buffer.from(text), outlineOf(text), (v) => v.split(found.origin).join(base));
  }

  /** The upstream's answer to the client, its own URLs in Location made the emulator's; 502 when it is not XML. */
  private answerWith(ctx: AppContext, answer: UpstreamAnswer, shape: Outline | null): void {
    if (shape === null) throw qualysErrors.upstreamFailed(`it answered HTTP ${answer.status} with something that is not XML`);
    const origin = this.deps.settings.upstream!;
    const base = baseUrlOf(ctx, this.deps.publicUrl);
    this.send(ctx, answer.status, answer.headers, answer.body, shape, (v) => v.split(origin).join(base));
  }

  private send(ctx: AppContext, status: number, headers: IncomingHttpHeaders, body: Buffer, shape: Outline | null, local: (url: string) => string): void {
    ctx.status = status;
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || !PASSED.test(name)) continue;
      // [E] a cookie the upstream scoped to its own domain would never come back to this host
      if (name === 'set-cookie')
        ctx.set(
          name,
          (Array.isArray(value) ? value : [value]).map((c) => c.replace(/;\s*domain=[^;]*/i, '')),
        );
      else if (name === 'location') ctx.set(name, local(String(value)));
      else ctx.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    ctx.body = body;
    // the journal shows an error answer's CODE and TEXT, whoever wrote it
    if (shape?.root === 'SIMPLE_RETURN' && shape.code !== null) {
      ctx.state.errorCode = shape.code;
      ctx.state.errorText = shape.text ?? undefined;
    }
  }
}

/** Recorded headers as Node gives a live answer's: lower-case names, Set-Cookie a list. */
function headersOf(list: readonly NameValue[]): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const { name, value } of list) {
    const key = name.toLowerCase();
    if (key === 'set-cookie') headers['set-cookie'] = [...(headers['set-cookie'] ?? []), value];
    else headers[key] = value;
  }
  return headers;
}
