import type { Context, Middleware, Next } from 'koa';

/** Why a request body could not be read, as an HTTP status and a short reason for the client. */
export interface BodyFault {
  status: 400 | 413 | 415;
  reason: string;
}

/**
 * Whatever fails while a body is read is the client's body: too large (413); an encoding or
 * charset the server does not support (415, the parsers' own status); or bytes that cannot be
 * read as declared (400): a cut multipart, malformed JSON, bytes that do not match their
 * Content-Encoding (zlib and brotli errors carry no HTTP status of their own).
 */
export function bodyFault(err: unknown): BodyFault {
  const e = err as { status?: number; httpCode?: number; type?: string; message?: string } | undefined;
  const reason = e?.message || 'malformed';
  if (e?.status === 413 || e?.httpCode === 413 || e?.type === 'entity.too.large') return { status: 413, reason };
  if (e?.status === 415) return { status: 415, reason };
  return { status: 400, reason };
}

/**
 * Runs a body-parsing middleware: a failure while the body is read becomes `toError` of its
 * fault; a failure further down the chain passes through untouched.
 */
export async function parseBody(parse: Middleware, ctx: Context, next: Next, toError: (fault: BodyFault) => Error): Promise<void> {
  let parsed = false;
  try {
    await parse(ctx, () => {
      parsed = true;
      return next();
    });
  } catch (err) {
    throw parsed ? err : toError(bodyFault(err));
  }
}
