import { QualysError } from '../qualys/errors.js';
import type { AppContext, AppMiddleware } from './state.js';

export interface JsonErrorExtras {
  headers?: Readonly<Record<string, string>>;
  /** Extra fields of the JSON answer, e.g. the failing seed record's index and Qualys CODE. */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * A refusal of the JSON endpoints (emulator controls, tool runners), answered as
 * `{"error": message, ...details}` with its status and headers: they never answer Qualys XML.
 */
export class JsonError extends Error {
  readonly headers: Readonly<Record<string, string>>;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly status: number,
    message: string,
    extras: JsonErrorExtras = {},
  ) {
    super(message);
    this.headers = extras.headers ?? {};
    this.details = extras.details ?? {};
  }
}

/** A shared step's Qualys error (a failed authentication) says the same in JSON: its TEXT. */
function asJsonError(err: unknown, where: string): JsonError {
  if (err instanceof JsonError) return err;
  if (err instanceof QualysError) return new JsonError(err.status, err.text, { headers: err.headers });
  console.error(`Unexpected fault in ${where}:`, err);
  return new JsonError(500, 'Server error: unexpected fault');
}

/** Answers `err` as `{"error": ...}` JSON with its status and headers. */
export function answerJsonError(ctx: AppContext, err: unknown): void {
  const e = asJsonError(err, ctx.path);
  ctx.status = e.status;
  for (const [k, v] of Object.entries(e.headers)) ctx.set(k, v);
  ctx.body = { error: e.message, ...e.details };
}

/**
 * Answers every failure of the steps after it as a JsonError, never as XML, HTML or a stack
 * trace; and marks the request as answered in JSON, for a failure found after them (a COMMIT).
 */
export function jsonErrors(): AppMiddleware {
  return async (ctx, next) => {
    ctx.state.answersJson = true;
    try {
      await next();
    } catch (err) {
      answerJsonError(ctx, err);
    }
  };
}
