import { qualysErrors } from './errors.js';
import type { RequestParams } from './params.js';
import type { SecretParams } from './secrets.js';
import type { RequestEcho } from './envelopes.js';
import type { XmlDocumentSpec } from './xml.js';

/**
 * An endpoint is a table of actions; each action declares the parameters it allows and
 * requires. `dispatch` applies the processing order of docs/fidelity.md §2 (steps 7 to 11) before a
 * handler sees the call, so handlers only validate values.
 */
export type Method = 'GET' | 'POST';

export interface Call {
  method: Method;
  params: RequestParams;
  user: string;
  /** Absolute base URL for self-references, no trailing slash. */
  baseUrl: string;
  /** Endpoint path, with trailing slash. */
  path: string;
  /** When the call arrived, as a Qualys DATETIME. */
  datetime: string;
  /** Whether the call came over TLS. */
  secure: boolean;
  /** The `QualysSession` cookie the call carried, if any [Q: session login]. */
  sessionToken?: string;
  /** An XML document POSTed as the body, as text: a Unix record's UNIX_AUTH_PARAMS [Q]. */
  xmlBody?: string;
  /** Renders the answer (UTF-8); a write action calls it inside its transaction, so the answer is ready before the commit. */
  render(doc: XmlDocumentSpec): Buffer;
}

export interface ActionContext extends Call {
  /** The REQUEST block when echo_request=1. */
  echo?: RequestEcho;
}

export interface ActionResult {
  status?: number;
  /** The rendered answer, from `Call.render`; or, for an answer too large to hold, `stream`. */
  xml: Buffer | { stream: AsyncIterable<Buffer> };
  /** [E] Set for an answer that is not XML (the detections' CSV, a scan fetch's CSV or JSON). */
  contentType?: string;
  /** Extra response headers, e.g. a session login's Set-Cookie. */
  headers?: Readonly<Record<string, string>>;
  /** Whom the call identified when nobody was known before it ran: the user a session login or logout is for. */
  identified?: string;
}

export interface ActionSpec {
  methods: readonly Method[];
  /** Every parameter the action accepts, in the order 1901 lists them. */
  allowed: readonly string[];
  required?: readonly string[];
  /**
   * Groups of alternatives of which at most one may be used (1904). An alternative is a name,
   * or a list of names that may come together (update's `add_ips` with `remove_ips`).
   */
  exclusive?: readonly (readonly (string | readonly string[])[])[];
  handle(ctx: ActionContext): ActionResult;
}

export interface Endpoint {
  path: string;
  actions: Readonly<Record<string, ActionSpec>>;
}

/** [Q] the REQUEST block: every parameter in received order; [E] secrets masked. */
function echoOf(call: Call, secrets: SecretParams): RequestEcho {
  return {
    datetime: call.datetime,
    userLogin: call.user,
    resource: call.baseUrl + call.path,
    params: call.params.entries.map(([k, v]) => [k, secrets.mask(k, v)] as const),
  };
}

/** What an action says about its parameters: the rules `checkParams` holds a call to. */
export type ParamRules = Pick<ActionSpec, 'allowed' | 'required' | 'exclusive'>;

/**
 * The parameter steps of the processing order: names the action does not allow (1901), required
 * ones missing (1903), alternatives used together (1904), a bad echo_request (1905). Answers
 * whether the REQUEST block was asked for.
 */
export function checkParams(action: string, spec: ParamRules, params: RequestParams): boolean {
  const unknown = params.names().filter((n) => !spec.allowed.includes(n));
  if (unknown.length > 0) throw qualysErrors.unrecognizedParameters(unknown, action, spec.allowed);
  // [E] a required parameter sent empty counts as missing.
  const missing = (spec.required ?? []).filter((n) => (params.get(n) ?? '') === '');
  if (missing.length > 0) throw qualysErrors.missingParameters(missing);
  for (const group of spec.exclusive ?? []) {
    const used = group.map((alt) => (typeof alt === 'string' ? [alt] : alt).filter((n) => params.has(n))).filter((names) => names.length > 0);
    // The TEXT names every given parameter of the group, so `ips` with both edits names all three.
    if (used.length > 1) throw qualysErrors.exclusiveParameters(used.flat());
  }
  return spec.allowed.includes('echo_request') && params.oneOf('echo_request', ['0', '1']) === '1';
}

/** Runs the call's action once the protocol's checks pass; `secrets` are masked in the REQUEST block. */
export function dispatch(endpoint: Endpoint, call: Call, secrets: SecretParams): ActionResult {
  const { params } = call;
  const action = params.get('action');
  // [Q recorded] an empty action counts as missing.
  if (action === undefined || action === '') throw qualysErrors.missingParameters(['action']);
  const spec = Object.hasOwn(endpoint.actions, action) ? endpoint.actions[action] : undefined;
  if (!spec) throw qualysErrors.invalidValue('action', action);
  if (!spec.methods.includes(call.method)) throw qualysErrors.methodIncompatible();
  const echo = checkParams(action, spec, params);
  return spec.handle({ ...call, echo: echo ? echoOf(call, secrets) : undefined });
}
