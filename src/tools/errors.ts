import { BASIC_CHALLENGE } from '../qualys/errors.js';
import type { BodyFault } from '../http/body-errors.js';

/**
 * Errors of the tool endpoints, answered as JSON `{"error": "..."}` by the tool router alone:
 * these endpoints never use the Qualys XML envelope.
 */
export class ToolHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const toolErrors = {
  /** A refused request body or field; the message names the field. */
  badRequest: (message: string) => new ToolHttpError(400, message),
  badField: (field: string, reason: string) => new ToolHttpError(400, `${field}: ${reason}`),
  unauthorized: () => new ToolHttpError(401, 'Bad Login/Password', BASIC_CHALLENGE),
  methodNotAllowed: (method: string) => new ToolHttpError(405, `method ${method} is not allowed; use POST`, { Allow: 'POST' }),
  bodyTooLarge: (max: number) => new ToolHttpError(413, `request body larger than ${max} bytes`),
  /** Bytes that do not match their Content-Encoding (400), or an encoding not supported (415). */
  unreadableBody: ({ status, reason }: BodyFault) => new ToolHttpError(status, `Request body could not be read: ${reason}`),
  busy: (tool: string) => new ToolHttpError(409, `${tool} is already running`),
  /** [E] a short reason only: no stack trace, no internal paths. */
  server: (reason: string) => new ToolHttpError(500, `Server error: ${reason}`),
};
