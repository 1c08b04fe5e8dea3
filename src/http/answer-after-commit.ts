import type { GroupCommit } from '../db/group-commit.js';
import { turnEnd } from '../db/turns.js';
import { answerJsonError } from './json-errors.js';
import type { AppMiddleware } from './state.js';

/**
 * Holds every answer, success or error, until the COMMIT of the writes waiting when it was
 * made: a write is answered only once it is in the database, and nothing read from writes that
 * could still roll back leaves before they are kept. A failed COMMIT becomes this request's error
 * (a CODE 999 through the error envelope, or a JSON error where the request's errors are JSON),
 * as the writes it held were undone. With no writes waiting, an answer still leaves at the
 * turn's end, with the turn's others (`turnEnd`).
 */
export function answerAfterCommit(commits: GroupCommit): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      try {
        // a Qualys call's own batch, else (the controls, the tool runners) the one open now
        const batch = ctx.state.batch === undefined ? commits.settled() : ctx.state.batch;
        await (batch ?? turnEnd());
      } catch (err) {
        // biome-ignore lint/correctness/noUnsafeFinally: a failed COMMIT undid the writes, so its error replaces whatever the request threw or answered
        if (!ctx.state.answersJson) throw err;
        answerJsonError(ctx, err);
      }
    }
  };
}
