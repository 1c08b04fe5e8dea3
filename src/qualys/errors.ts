/**
 * The one catalogue of Qualys errors. Everything that can go wrong on a /api/2.0/fo/ call is
 * a QualysError built here, thrown from wherever it is found, and written as SIMPLE_RETURN by
 * the outermost middleware. Tags: [Q] observed Qualys behaviour, [E] the emulator's own choice
 * (see docs/fidelity.md §2 and §9).
 */
export interface QualysItem {
  key: string;
  values: string[];
}

/** A parameter value an error's TEXT shows, so a secret one can be masked where the error leaves. */
export interface ShownValue {
  param: string;
  value: string;
  reason?: string;
}

export class QualysError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly text: string;
  readonly items: QualysItem[];
  readonly headers: Readonly<Record<string, string>>;
  readonly shownValue?: ShownValue;

  constructor(
    status: number,
    code: string | undefined,
    text: string,
    items: QualysItem[] = [],
    headers: Readonly<Record<string, string>> = {},
    shownValue?: ShownValue,
  ) {
    // An answer, not a fault: its stack is never shown, and capturing one is a large part of an
    // error answer's cost (bench/README.md).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(text);
    Error.stackTraceLimit = limit;
    this.status = status;
    this.code = code;
    this.text = text;
    this.items = items;
    this.headers = headers;
    this.shownValue = shownValue;
  }
}

const list = (names: readonly string[]) => names.join(', ');

export const qualysErrors = {
  /**
   * [Q] 401, 2000, without a WWW-Authenticate challenge (docs/fidelity.md §2: none in the answers
   * recorded in 2017 and 2020); `headers` add one where a browser needs it.
   */
  badLogin: (headers: Readonly<Record<string, string>> = {}) => new QualysError(401, '2000', 'Bad Login/Password', [], headers),
  /**
   * [Q recorded, docs/fidelity.md §2: an expired account's call, US platform 3, 2020] HTTP 200,
   * 2001, no rate-limit headers.
   */
  accountExpired: () => new QualysError(200, '2001', 'This account has expired.'),
  /** [Q] code and TEXT of Qualys's error list (appendix D); [E] HTTP 200, as the recorded 2001. */
  accountInactive: () => new QualysError(200, '2002', 'User account is inactive'),
  /**
   * [Q] code and TEXT of Qualys's error list (appendix D): an account whose first login (EULA,
   * password) is not done; HTTP 409, as public clients handle it (none recorded).
   */
  registrationIncomplete: () => new QualysError(409, '2003', 'Registration must be completed before API requests will be served for this account'),
  /** [Q] header required on every v2 call; [E] code and text. */
  missingHeader: (name: string) => new QualysError(400, '1903', `Missing required header(s): ${name}`),
  /** [Q] recorded for action; the same template for every required parameter. */
  missingParameters: (names: readonly string[]) => new QualysError(400, '1903', `Missing required parameter(s): ${list(names)}`),
  /** [E] the same template when any one of several parameters would do, e.g. `sid or servicename`. */
  missingOneOf: (names: readonly string[]) => new QualysError(400, '1903', `Missing required parameter(s): ${names.join(' or ')}`),
  /**
   * [Q] recorded form (docs/fidelity.md §2): the allowed names never include `action` itself,
   * which the call has already given.
   */
  unrecognizedParameters: (names: readonly string[], action: string, allowed: readonly string[]) =>
    new QualysError(400, '1901', `Unrecognized parameter(s): ${list(names)} (action=${action} allows: ${list(allowed.filter((n) => n !== 'action'))})`),
  /** [Q] template. */
  exclusiveParameters: (names: readonly string[]) => new QualysError(400, '1904', `Please specify only one of these parameters: ${list(names)}`),
  /**
   * [Q] recorded, e.g. `parameter ids has invalid value: abc123 (neither a positive integer nor a
   * range: abc123)`. [E] The value of a secret parameter is masked where the answer is written
   * (`SecretParams.maskError`).
   */
  invalidValue: (name: string, value: string, reason?: string) =>
    new QualysError(400, '1905', `parameter ${name} has invalid value: ${value}${reason ? ` (${reason})` : ''}`, [], {}, { param: name, value, reason }),
  /** [Q] titles are unique per type; [E] the TEXT names the record holding it. */
  titleInUse: (title: string, holderId: number) =>
    new QualysError(400, '1905', `parameter title has invalid value: ${title} (already used by record ${holderId})`),
  /** [E] vaults are named by one `id`; the TEXT says which vault is missing. */
  noSuchVault: (name: string, id: string) => new QualysError(400, '1905', `parameter ${name} has invalid value: ${id} (no such vault)`),
  /** [Q] a vault in use cannot be deleted; [E] the TEXT names every record using it. */
  vaultInUse: (id: string, users: readonly { id: number; type: string }[]) =>
    new QualysError(
      400,
      '1905',
      `parameter id has invalid value: ${id} (the vault is used by authentication records: ${users.map((u) => `${u.type} ${u.id}`).join(', ')})`,
    ),
  /** [E] docs/fidelity.md §5: a title names one record, so an update setting it takes one ID. */
  titleNeedsOneId: (title: string) =>
    new QualysError(400, '1905', `parameter title has invalid value: ${title} (a title can only be set on one record: give one ID)`),
  /** [E] a record keeps at least one IP where its type's create requires them; `removed` is the normalised remove_ips. */
  noIpsLeft: (removed: string, recordId: number) =>
    new QualysError(400, '1905', `parameter remove_ips has invalid value: ${removed} (it would leave record ${recordId} without IPs)`),
  /**
   * [Q] an IP belongs to at most one record of a type; code and one-line-per-conflict shape
   * from a client written against live Qualys; [E] wording.
   */
  ipsInUse: (conflicts: readonly { ips: string; title: string }[]) =>
    new QualysError(409, '1920', ['IPs are used by other records of this type', ...conflicts.map((c) => `IPs: ${c.ips} is used by ${c.title}`)].join('\n')),
  /**
   * [Q] a Docker record needs a Unix record for the same host (docs/fidelity.md §1); [E] the 1905
   * TEXT names every uncovered address.
   */
  ipsNotCovered: (uncovered: readonly string[], coveringType: string) =>
    new QualysError(400, '1905', `parameter ips has invalid value: ${list(uncovered)} (not covered by ${coveringType} records)`),
  /**
   * [Q recorded, XSOAR's Qualys integration test data] IPs that are not in the subscription, on
   * /api/2.0/fo/asset/ip/?action=update; [E] the same for every family checking IPs against it.
   */
  ipsNotInSubscription: () => new QualysError(400, '1905', 'IP(s) do not exist.'),
  /** [Q sample: Qualys's network API samples] a network_id naming no network. */
  noSuchNetwork: (value: string) => new QualysError(400, '1905', `parameter network_id has invalid value: ${value} (No such network ID)`),
  /** [E] a network_id other than 0 while the networks feature is off. */
  networksDisabled: (value: string) => qualysErrors.invalidValue('network_id', value, 'the networks feature is not enabled'),
  /** [E] an ID naming nothing of its kind (appliances, option profiles, asset groups); the TEXT says what is missing. */
  noSuch: (name: string, id: string, what: string) => new QualysError(400, '1905', `parameter ${name} has invalid value: ${id} (no such ${what})`),
  /**
   * [Q fragment] a duplicate asset group title: clients match `already exists. Please use a
   * different title`; [E] the rest of the TEXT and the code.
   */
  groupTitleInUse: (title: string) => new QualysError(400, '1905', `Asset Group title ${title} already exists. Please use a different title.`),
  /** [Q] template, [E] used for write actions sent by GET. */
  methodIncompatible: () => new QualysError(400, '1908', 'Request method (GET or POST) is incompatible with specified parameter(s): action'),
  /** [E] methods other than GET and POST on an API endpoint. */
  methodNotAllowed: (method: string) => new QualysError(405, undefined, `Method Not Allowed: ${method}`, [], { Allow: 'GET, POST' }),
  /**
   * [E] a request refused for where it comes from (403: Host, Origin) or for naming its host
   * ambiguously (400: several Host headers, an odd request target): docs/security.md; no CODE.
   */
  refused: (status: 400 | 403, reason: string) => new QualysError(status, undefined, reason),
  /** [E] unknown paths, never HTML. */
  notFound: () => new QualysError(404, undefined, 'Not Found'),
  /**
   * [E] bodies over the configured limit, or that cannot be read. The connection is closed after
   * the answer, so the rest of an oversized body is never read.
   */
  bodyTooLarge: (limit: number) => new QualysError(413, '1905', `Request body exceeds the limit of ${limit} bytes`, [], { Connection: 'close' }),
  /** [E] 400 for bytes that cannot be read as declared, 415 for an encoding or charset not supported. */
  badBody: (reason: string, status: 400 | 415 = 400) => new QualysError(status, '1905', `Request body could not be read: ${reason}`),
  /** [Q] docs/fidelity.md §8: concurrency is checked before the rate. */
  concurrencyLimit: (callsToFinish: number) =>
    new QualysError(409, '1960', `This API cannot be run again until ${callsToFinish} currently running API instance has finished.`, [
      { key: 'CALLS_TO_FINISH', values: [String(callsToFinish)] },
    ]),
  /** [Q] docs/fidelity.md §8: the wait is also in `X-RateLimit-ToWait-Sec`, which clients read to back off. */
  rateLimited: (seconds: number) =>
    new QualysError(
      409,
      '1965',
      `This API cannot be run again for another ${hoursMinutesSeconds(seconds)}.`,
      [{ key: 'SECONDS_TO_WAIT', values: [String(seconds)] }],
      {
        'X-RateLimit-ToWait-Sec': String(seconds),
        'X-RateLimit-Remaining': '0',
      },
    ),
  /** [Q] 999 for unexpected faults; [E] generic text, never internals. */
  internal: () => new QualysError(500, '999', 'Internal error. Please try again later.'),
  /**
   * [E] conformance modes (docs/conformance.md): the upstream did not answer in time (504), or
   * failed otherwise (502: refused, reset, too large, not XML); CODE 999 as any fault Qualys reports.
   */
  upstreamTimeout: (seconds: number) => new QualysError(504, '999', `Conformance mode: the upstream did not answer within ${seconds} s (--upstream-timeout)`),
  upstreamFailed: (reason: string) => new QualysError(502, '999', `Conformance mode: the upstream failed: ${reason}`),
  /** [E] replay (docs/conformance.md): a call the recording holds no answer for; 404 as an unknown path. */
  notRecorded: (method: string, path: string) => new QualysError(404, undefined, `Replay: no recorded answer matches ${method} ${path} with these parameters`),
};

/** The wait as Qualys's own 1965 sample words it: `23 hours, 57 minutes and 54 seconds` [Q: docs/fidelity.md §8]. */
function hoursMinutesSeconds(total: number): string {
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return `${hours} hours, ${minutes} minutes and ${total % 60} seconds`;
}
