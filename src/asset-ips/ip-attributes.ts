/**
 * What the subscription keeps for each of its IPs, as data: the parameters of
 * /api/2.0/fo/asset/ip/ that set it, and the column holding it (named as the parameter). The
 * endpoint reads them, the store writes them, the dashboard shows them.
 */
export interface IpAttribute {
  /** The parameter, and the column of `asset_ips`. */
  readonly param: string;
  readonly kind: 'flag' | 'enum' | 'text';
  readonly values?: readonly string[];
  /** [E] the longest text taken, where Qualys states none. */
  readonly maxLength?: number;
  /** What an IP added without it holds; text attributes hold nothing. */
  readonly initial?: string;
  /** Only `add` sets it (the modules an IP is in); [Q] the update page does not list it. */
  readonly addOnly?: boolean;
}

/** [Q] tracking methods the add and update pages let a caller set (EC2 and AGENT are not settable). */
export const TRACKING_METHODS = ['IP', 'DNS', 'NETBIOS'] as const;

/**
 * [Q: the add and update pages, and the clients that send them] `tracking_method` (IP unless
 * given), the modules an IP is in (`enable_vm`, `enable_pc`, `enable_sca`, `enable_certview`),
 * `owner`, the user-defined fields `ud1` to `ud3` (at most 128 characters) and `comment`.
 */
export const IP_ATTRIBUTES: readonly IpAttribute[] = [
  { param: 'tracking_method', kind: 'enum', values: TRACKING_METHODS, initial: 'IP' },
  { param: 'enable_vm', kind: 'flag', initial: '0', addOnly: true },
  { param: 'enable_pc', kind: 'flag', initial: '0', addOnly: true },
  { param: 'enable_sca', kind: 'flag', initial: '0', addOnly: true },
  { param: 'enable_certview', kind: 'flag', initial: '0', addOnly: true },
  // [E] a user login, not checked against the users: the emulator knows only its API users
  { param: 'owner', kind: 'text', maxLength: 100 },
  { param: 'ud1', kind: 'text', maxLength: 128 },
  { param: 'ud2', kind: 'text', maxLength: 128 },
  { param: 'ud3', kind: 'text', maxLength: 128 },
  // [E] Qualys states no limit
  { param: 'comment', kind: 'text', maxLength: 255 },
];

/** An IP's attributes by parameter; a text attribute never set is null. */
export type IpAttributes = Readonly<Record<string, string | null>>;

/** What an IP added with none of them given holds. */
export const INITIAL_ATTRIBUTES: IpAttributes = Object.fromEntries(IP_ATTRIBUTES.map((a) => [a.param, a.initial ?? null]));

export const sameAttributes = (a: IpAttributes, b: IpAttributes) => a === b || IP_ATTRIBUTES.every(({ param }) => a[param] === b[param]);
