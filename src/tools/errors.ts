import type { BodyFault } from '../http/body-errors.js';
import { JsonError } from '../http/json-errors.js';

/** The tool endpoints' refusals, answered as JSON `{"error": "..."}`, never in the Qualys XML envelope. */
export const toolErrors = {
  /** A refused request body or field; the message names the field. */
  badRequest: (message: string) => new JsonError(400, message),
  badField: (field: string, reason: string) => new JsonError(400, `${field}: ${reason}`),
  methodNotAllowed: (method: string) => new JsonError(405, `method ${method} is not allowed; use POST`, { headers: { Allow: 'POST' } }),
  bodyTooLarge: (max: number) => new JsonError(413, `request body larger than ${max} bytes`),
  /** Bytes that do not match their Content-Encoding (400), or an encoding not supported (415). */
  unreadableBody: ({ status, reason }: BodyFault) => new JsonError(status, `Request body could not be read: ${reason}`),
  busy: (tool: string) => new JsonError(409, `${tool} is already running`),
  /** [E] a short reason only: no stack trace, no internal paths. */
  server: (reason: string) => new JsonError(500, `Server error: ${reason}`),
};
