import type { GroupCommit } from '../db/group-commit.js';
import type { AppMiddleware } from './state.js';

/**
 * Holds every answer, success or error, until the COMMIT of the writes waiting when it was
 * made: a write is answered only once it is in the database, and nothing read from writes that
 * could still roll back leaves before they are kept. A failed COMMIT becomes this request's error
 * (a CODE 999 through the error envelope), as the writes it held were undone.
 */
export function answerAfterCommit(commits: GroupCommit): AppMiddleware {
  return async (_ctx, next) => {
    try {
      await next();
    } finally {
      await commits.settled();
    }
  };
}
