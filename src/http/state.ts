import type { Middleware, ParameterizedContext } from 'koa';
import type { RequestParams } from '../qualys/params.js';

/**
 * What the pipeline learns about a request: each field is written by the step named here and
 * read by the steps after it, so nothing reads `ctx.state` back through a cast.
 */
export interface AppState {
  /**
   * The login the caller authenticated as (`authenticate`); absent before it, or when it failed.
   * The session endpoint, which no step authenticates, sets it from its answer (`apiRoutes`).
   */
  user?: string;
  /**
   * The call's parameters, query string then body, parsed once: by the body step, or from the
   * query alone by the first reader of a request that never reached it (`paramsOf`).
   */
  params?: RequestParams;
  /**
   * The request's body as received, read whole by the conformance step to forward it upstream
   * (src/conformance/); the body step then reads these bytes instead of the spent request.
   */
  bodyBytes?: Buffer;
  /** An XML document POSTed as the body (text/xml or application/xml), as text (the body step). */
  xmlBody?: string;
  /** The Qualys CODE and TEXT of an error answer (the error envelope), for the request journal. */
  errorCode?: string;
  errorText?: string;
  /** The request's errors are answered as JSON, not Qualys XML (`jsonErrors`). */
  answersJson?: boolean;
  /** A fault rule cut the connection, so no status was ever sent (the fault step). */
  dropped?: boolean;
  /**
   * The COMMIT holding what a Qualys call wrote or read, taken the moment its action returned
   * (`apiRoutes`); null when no writes were waiting then. `answerAfterCommit` waits for it.
   */
  batch?: Promise<void> | null;
}

export type AppContext = ParameterizedContext<AppState>;
export type AppMiddleware = Middleware<AppState>;

/** The authenticated login, for a step that runs after `authenticate`: anything else is a wiring bug. */
export function authenticatedUser(ctx: AppContext): string {
  if (ctx.state.user === undefined) throw new Error(`${ctx.path}: a step that needs the caller runs before authenticate`);
  return ctx.state.user;
}
