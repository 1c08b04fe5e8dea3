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
  unauthorized: () => new ToolHttpError(401, 'Bad Login/Password', { 'WWW-Authenticate': 'Basic realm="Qualys API Emulator"' }),
  methodNotAllowed: (method: string) => new ToolHttpError(405, `method ${method} is not allowed; use POST`, { Allow: 'POST' }),
  bodyTooLarge: (max: number) => new ToolHttpError(413, `request body larger than ${max} bytes`),
  busy: (tool: string) => new ToolHttpError(409, `${tool} is already running`),
  /** [E] a short reason only: no stack trace, no internal paths. */
  server: (reason: string) => new ToolHttpError(500, `Server error: ${reason}`),
};
