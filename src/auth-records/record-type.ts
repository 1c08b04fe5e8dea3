import type { IntervalSet } from '../qualys/interval-set.js';
import type { XmlElement } from '../qualys/xml.js';
import type { XmlNode } from '../qualys/xml-reader.js';

/**
 * A record type is data: its endpoint, its own fields, the rules tying them together, and its
 * list element names. One set of generic actions, rules, serialisers and one store serve every
 * type declared this way; nothing is hand-coded per type.
 *
 * The vocabulary, in short (each piece is documented where it is declared below):
 *
 * - a {@link FieldSpec} per parameter: its {@link FieldKind} (`text` with `maxLength`, `secret`,
 *   `port`, `flag`, `enum` with `values`, `integer` with `min`/`max`, `list` of comma-separated
 *   values), its list `element` (none: never listed), `required` on create, `only` on `create`
 *   or `update`, `references` to a vault, a `default` stored at create;
 * - {@link RecordRule}s between fields: `requireOne` (one of several, or one unless a condition:
 *   `password` unless `login_type=vault`), `exclusive` (1904; may name `ips`), `onlyWhen`
 *   (`vault_id` only with `login_type=vault`), `requiredWhen`, `together` (all or none),
 *   `requiredValue` (a value that another's value needs);
 * - type-wide switches: `networkId: false` (no `network_id`, e.g. http), `ips` when a record may
 *   have none (HTTP's target is its vhost or realm), `listFilters` of this
 *   type only (Oracle templates), `hostRecord` (needs Unix or Windows records for its IPs),
 *   `source` (the Qualys page the declaration follows).
 *
 * Rules hold for a record as a whole: a create is checked on the values it gives, an update on
 * the record as the update would leave it, so an update cannot break what a create must obey.
 *
 * From a declaration come its v2.0 and v3.0 endpoints, its list DTD (`list-dtd.ts`, kept in
 * `dtd/`), its place in the generic list, its section of docs/record-types.md and its cases in the
 * table-driven suite. Its `secret` fields are masked wherever parameters are shown: the
 * authentication records' family declares them (`family.ts`).
 */

/**
 * How a field's value is read, stored and shown:
 * - `text`: free text of at most `maxLength` characters ([E] 1024 when not declared);
 * - `secret`: free text, stored, never listed, and masked wherever parameters are shown
 *   ([Q] 100 characters at most when not declared: Qualys's limit for passwords);
 * - `port`: an integer 1 to 65535, stored without leading zeros;
 * - `flag`: `0` or `1`;
 * - `enum`: one of `values`, matched case-insensitively and stored as declared;
 * - `integer`: a decimal integer within `min`..`max` (both optional);
 * - `list`: comma-separated values, each one of `values` when declared, else free text; the
 *   whole at most `maxLength` characters.
 */
export type FieldKind = 'text' | 'secret' | 'port' | 'flag' | 'enum' | 'integer' | 'list';

/** A condition on one parameter of the record as the request would leave it. */
export interface When {
  param: string;
  /** The condition holds when the parameter's value is one of these (case as declared). */
  is: readonly string[];
}

export interface FieldSpec {
  /** The request parameter, e.g. `docker_command`. */
  param: string;
  /**
   * The list output element, e.g. `DOCKER_COMMAND`; none means the value is never listed (always
   * so for secrets). Listed in declaration order, between TITLE and IP_SET.
   */
  element?: string;
  /** Defaults to `text`. */
  kind?: FieldKind;
  /** For `text`, `secret` and `list`: the most characters a value may have. */
  maxLength?: number;
  /** For `enum` (required) and `list` (optional): the allowed values, as Qualys spells them. */
  values?: readonly string[];
  /** For `integer`: the smallest and largest values accepted. */
  min?: number;
  max?: number;
  /** Required on create: missing or empty is 1903, checked before any value. */
  required?: boolean;
  /** Accepted by that action only (1901 on the other), e.g. `is_template` on create, `status` on update. */
  only?: 'create' | 'update';
  /**
   * `vault`: the value is a vault's ID, which must exist (1905); `vault-type`: the value must be
   * that vault's type (1905). A vault that records name cannot be deleted.
   */
  references?: 'vault' | 'vault-type';
  /** Stored at create when the request does not give the field, e.g. SNMP `version=v1`. */
  default?: string;
  /**
   * `last`: listed after COMMENTS, at the end of the record, instead of before IP_SET ([Q] the
   * Unix list sample ends with USE_AGENTLESS_TRACKING and AGENTLESS_TRACKING_PATH).
   */
  listed?: 'last';
}

/**
 * A rule between fields, checked on the record as the request would leave it. Codes: 1903 for
 * a missing parameter, 1904 for parameters that exclude each other, 1905 for a parameter that is
 * not valid with the others' values.
 */
export type RecordRule =
  /**
   * At least one of `params` has a non-empty value (1903 naming them all), unless one of
   * `unless` holds or a field of `unlessGiven` has a value: Oracle `sid` or `servicename`; Unix
   * `password` unless `login_type=vault`, or unless the record has private keys (its body's field).
   */
  | { rule: 'requireOne'; params: readonly string[]; unless?: readonly When[]; unlessGiven?: readonly string[] }
  /**
   * At most one of `params` in one request (1904); a param may be `ips`, checked in the request
   * only. [E] On update, giving one clears the others the record held, as they are alternatives
   * for one value.
   */
  | { rule: 'exclusive'; params: readonly string[] }
  /**
   * `params` are valid only while `when` holds: given otherwise, 1905; [E] a stored value is
   * dropped when an update makes `when` stop holding (e.g. `login_type=basic` drops `vault_id`).
   */
  | { rule: 'onlyWhen'; params: readonly string[]; when: When }
  /** `params` must all have values while `when` holds (1903), e.g. `vault_id` with `login_type=vault`. */
  | { rule: 'requiredWhen'; params: readonly string[]; when: When }
  /** All of `params` or none (1903 naming the missing ones), e.g. SNMPv3 `username`, `password`, `auth_alg`. */
  | { rule: 'together'; params: readonly string[] }
  /**
   * While `when` holds, `then` must hold too: 1903 when `then.param` has no value, 1905 when it
   * has another, e.g. MongoDB `credential_type=external` needs `cleartext=1`.
   */
  | { rule: 'requiredValue'; when: When; then: When };

/**
 * A list filter of one type (beyond `ids`, `id_min`, `id_max`, `title`, `comments`), matching
 * the records whose `field` equals the given value, e.g. Oracle `is_template`.
 */
export interface ListFilterSpec {
  param: string;
  /** The record field compared, equal when the value given is read as that field's kind. */
  field: string;
  /** How the value is read when `field` is not one the type declares (1905 when it is not so). */
  read?: Omit<FieldSpec, 'param'>;
}

/** Which switch turns the host-record prerequisite on [Q: the pages' "requires a Unix or Windows record"]. */
export type PrerequisiteSwitch = 'requireHostRecord';

/** A rule tying a type's IPs to records of other types, on when its configuration switch is. */
export interface IpPrerequisite {
  /** The types whose records together must cover every IP, e.g. `['unix']` or `['unix', 'windows']`. */
  coveredBy: readonly string[];
  /** How the uncovered addresses are named in the 1905, e.g. `Unix` or `Unix or Windows`. */
  label: string;
}

/** Stored values of a record's type-specific fields: by parameter, and by a body's own keys. */
export type Fields = Record<string, string>;

/** What a body's completion needs from inside the write's transaction. */
export interface BodyContext {
  /** An entry ID never given before (until a reset). */
  nextEntryId(): number;
  /** Vault `id`'s title and type (Qualys's spelling), or undefined when there is none. */
  vault(id: number): { title: string; vaultType: string } | undefined;
  /** Whether vault `id` is of the type a record names, compared as `vault_type` is. */
  vaultTypeMatches(id: number, vaultType: string): boolean;
}

/**
 * An XML document a create or update may POST besides its parameters (a Unix record's
 * UNIX_AUTH_PARAMS). What it gives is stored in fields of its own, which no parameter names.
 */
export interface RecordBody<Input = unknown> {
  /** The document's root element. */
  root: string;
  /** Reads a parsed document, 1905 for one this body is not; on create, entries have no IDs. */
  read(doc: XmlNode, action: 'create' | 'update'): Input;
  /** The fields `stored` becomes with the document (new entries without IDs yet); 1905 for an entry `stored` lacks. */
  apply(stored: Readonly<Fields>, input: Input, recordId?: number): Fields;
  /** Inside the write: IDs for new entries; vaults checked (1905) and named. */
  complete(fields: Readonly<Fields>, ctx: BodyContext): Fields;
  /** The listed field whose element the body's elements follow in a list. */
  listAfter: string;
  /** Its elements in a record's list output: never a secret. */
  list(fields: Readonly<Fields>): XmlElement[];
  /** Its parts of the record element's DTD sequence, and the declarations they need. */
  dtd: { parts: readonly string[]; declarations: readonly string[] };
}

export interface RecordType {
  /** The type name as stored, and as in the endpoint path and the generic list. */
  name: string;
  /** Endpoint path, with trailing slash. */
  path: string;
  /** The Qualys documentation page the declaration follows (the citation). */
  source: string;
  /** Type-specific fields, in the order the list output places them, between TITLE and IP_SET. */
  fields: readonly FieldSpec[];
  /** Cross-field rules, checked in order; the first broken one answers. */
  rules?: readonly RecordRule[];
  /** The XML document its create and update may POST (Unix: UNIX_AUTH_PARAMS); none takes one otherwise. */
  body?: RecordBody;
  /** `false` when the type takes no `network_id` (1901), e.g. http. */
  networkId?: false;
  /**
   * Whether a record needs IPs; none means always ([Q] most pages: "ips ... Required to create
   * record"), so a create without `ips` is 1903 and an update cannot remove the last one.
   * `optional`: the type names its target otherwise (HTTP: `vhost` or `realm`). `{ orOneOf }`:
   * IPs, or a value in one of these parameters standing for them (MS SQL `member_domain`): a
   * record with neither is 1903 naming them all.
   */
  ips?: 'optional' | { orOneOf: readonly string[] };
  /** List filters of this type only. */
  listFilters?: readonly ListFilterSpec[];
  /** [Q] records that need host records for the same IPs; checked only with `--require-host-record`. */
  hostRecord?: IpPrerequisite;
  /** The per-type list output's names; {@link conventionalList} gives Qualys's usual ones. */
  list: {
    root: string;
    listElement: string;
    recordElement: string;
    /** The DTD's URL path; the file is `dtd/` plus this path less `/api/2.0/`. */
    dtdPath: string;
  };
}

/** The parameters of the `secret` fields among `fields`. */
export function secretParams(fields: readonly FieldSpec[]): string[] {
  return fields.filter((f) => f.kind === 'secret').map((f) => f.param);
}

/** The fields a list shows, in order: those with an element, never a secret whatever it declares. */
export function listedFields(fields: readonly FieldSpec[]): (FieldSpec & { element: string })[] {
  return fields.filter((f): f is FieldSpec & { element: string } => f.element !== undefined && f.kind !== 'secret');
}

/** The listed fields of one place in a record: between TITLE and IP_SET (`body`), or after COMMENTS (`last`). */
export function fieldsListed(fields: readonly FieldSpec[], where: 'body' | 'last'): (FieldSpec & { element: string })[] {
  return listedFields(fields).filter((f) => (f.listed === 'last') === (where === 'last'));
}

/**
 * A record's listed fields between TITLE and IP_SET, split where its body's elements go: after
 * the field `listAfter` names, or at the end when the type has no body.
 */
export function fieldsAroundBody(
  type: Pick<RecordType, 'fields' | 'body'>,
): [before: (FieldSpec & { element: string })[], after: (FieldSpec & { element: string })[]] {
  const listed = fieldsListed(type.fields, 'body');
  if (type.body === undefined) return [listed, []];
  const at = listed.findIndex((f) => f.param === type.body!.listAfter) + 1;
  if (at === 0) throw new Error(`the body's listAfter names no listed field: ${type.body.listAfter}`);
  return [listed.slice(0, at), listed.slice(at)];
}

/**
 * A type from its declaration: [Q] every type's endpoint is `/api/2.0/fo/auth/<name>/` and its list
 * uses Qualys's usual names ({@link conventionalList}), so neither is written out per type.
 */
export function declareRecordType(declaration: Omit<RecordType, 'path' | 'list'>): RecordType {
  const { name } = declaration;
  return { ...declaration, path: `/api/2.0/fo/auth/${name}/`, list: conventionalList(name) };
}

/**
 * [Q] the names most types' lists use: `AUTH_<TYPE>_LIST_OUTPUT/RESPONSE/AUTH_<TYPE>_LIST/AUTH_<TYPE>`,
 * the DTD at `<path>auth_<type>_list_output.dtd`.
 */
export function conventionalList(name: string): RecordType['list'] {
  const upper = name.toUpperCase();
  return {
    root: `AUTH_${upper}_LIST_OUTPUT`,
    listElement: `AUTH_${upper}_LIST`,
    recordElement: `AUTH_${upper}`,
    dtdPath: `/api/2.0/fo/auth/${name}/auth_${name}_list_output.dtd`,
  };
}

/** One stored record of any type. */
export interface AuthRecord {
  id: number;
  type: string;
  title: string;
  comments?: string;
  networkId?: number;
  fields: Readonly<Record<string, string>>;
  ips: IntervalSet;
  createdAt: string;
  createdBy: string;
  modifiedAt: string;
  modifiedBy?: string;
}

/** What a create writes; the store assigns the ID. */
export type NewRecord = Omit<AuthRecord, 'id'>;

/** [Q] limits of the fields every type shares (each type page: title 255, comments 1999). */
export const TITLE_MAX = 255;
export const COMMENTS_MAX = 1999;
