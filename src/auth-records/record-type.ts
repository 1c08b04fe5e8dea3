import type { IntervalSet } from '../qualys/interval-set.js';

// A record type is data: its endpoint, its own fields and its list element names. One set of
// generic actions, rules, serialisers and one store serve every type declared this way.

/**
 * How a field's value is read and shown: `text` free text up to `maxLength`; `secret` free text
 * that is stored but never listed (and echoed as `********`); `port` an integer 1 to 65535;
 * `flag` `0` or `1`.
 */
export type FieldKind = 'text' | 'secret' | 'port' | 'flag';

export interface FieldSpec {
  /** The request parameter, e.g. `docker_command`. */
  param: string;
  /** The list output element, [E] the upper-cased parameter, e.g. `DOCKER_COMMAND`; none for secrets. */
  element?: string;
  /** Defaults to `text`. */
  kind?: FieldKind;
  /** [E] limit for free text; Qualys publishes none for these fields. */
  maxLength?: number;
  /** Required on create; `{ unlessFlag }` waives it when that flag parameter is `1`. */
  requiredOnCreate?: boolean | { unlessFlag: string };
}

/** A rule tying a type's IPs to records of another type, on when its configuration switch is. */
export interface IpPrerequisite {
  /** The type whose records must cover every IP, e.g. `unix`. */
  coveredBy: string;
  /** How the uncovered addresses are named in the 1905, e.g. `Unix`. */
  label: string;
  /** The Config switch that enables the rule. */
  enabledBy: 'requireUnixForDocker';
}

export interface RecordType {
  /** The type name as stored, and as in the generic list's `AUTH_<NAME>_RECORDS`. */
  name: string;
  /** Endpoint path, with trailing slash. */
  path: string;
  /** Type-specific fields, in the order the list output places them, between TITLE and IP_SET. */
  fields: readonly FieldSpec[];
  /** [Q] e.g. a Docker record needs Unix records for its hosts; checked only when switched on. */
  ipPrerequisite?: IpPrerequisite;
  /** The generic list's `AUTH_<TYPE>_RECORDS` element. */
  genericListElement: string;
  list: {
    root: string;
    listElement: string;
    recordElement: string;
    /** The DTD's URL path; the file is `dtd/` plus this path less `/api/2.0/`. */
    dtdPath: string;
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

/** [Q] limits of the fields every type shares. */
export const TITLE_MAX = 255;
export const COMMENTS_MAX = 1999;
