// @ts-check
/** A refusal from the emulator's JSON API: its status and `error` text. */
export class ApiError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Calls an `/_emulator/` control. Every call is labelled JSON and carries X-Requested-With, as
 * the controls require of a browser (both force a CORS preflight no other site passes); the
 * browser adds the credentials it was given for this origin.
 * @param {string} method
 * @param {string} path below /_emulator/
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function call(method, path, body) {
  const res = await fetch(`/_emulator/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'qualys-emulator-dashboard', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, `${res.status}: ${json.error ?? res.statusText}`);
  return json;
}

export const api = {
  /** @param {string} path */
  get: (path) => call('GET', path),
  /** @param {string} path @param {unknown} [body] */
  post: (path, body) => call('POST', path, body),
  /** @param {string} path @param {unknown} body */
  put: (path, body) => call('PUT', path, body),
  /** @param {string} path @param {unknown} body */
  patch: (path, body) => call('PATCH', path, body),
  /** @param {string} path */
  delete: (path) => call('DELETE', path),
};
