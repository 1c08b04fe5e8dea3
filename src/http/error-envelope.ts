import { QualysError, qualysErrors } from '../qualys/errors.js';
import { simpleReturn, qualysDateTime } from '../qualys/envelopes.js';
import type { SecretParams } from '../qualys/secrets.js';
import type { XmlOutput } from './send.js';
import type { AppMiddleware } from './state.js';

function toQualysError(err: unknown): QualysError {
  if (err instanceof QualysError) return err;
  console.error('Unexpected fault:', err);
  return qualysErrors.internal();
}

/**
 * Outermost middleware: every error, and every path nothing answered, leaves as a SIMPLE_RETURN,
 * the value of a secret parameter masked in its TEXT. Koa's own handler would write text/plain,
 * and a stack trace must never reach a client.
 */
export function errorEnvelope(output: XmlOutput, secrets: SecretParams): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined && ctx.status === 404) throw qualysErrors.notFound();
    } catch (err) {
      const q = secrets.maskError(toQualysError(err));
      // The CODE and TEXT the client was answered, for the emulator's request journal.
      ctx.state.errorCode = q.code;
      ctx.state.errorText = q.text;
      output.send(ctx, q.status, simpleReturn({ datetime: qualysDateTime(), code: q.code, text: q.text, items: q.items }), q.headers);
    }
  };
}
