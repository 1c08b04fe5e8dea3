import type { FieldSpec, IpPrerequisite, ListFilterSpec, RecordRule } from '../record-type.js';

// Declaration pieces several type pages share word for word; each type still lists its own fields.

/** [Q] the login account; most pages: "Maximum 255 characters (ascii)", some state less. */
export function usernameField(maxLength = 255, required = true): FieldSpec {
  return { param: 'username', element: 'USERNAME', maxLength, required };
}

/** A file or directory path on the scanned hosts, listed under its upper-cased name [E]. */
export function pathField(param: string): FieldSpec {
  return { param, element: param.toUpperCase() };
}

/** [Q] "To create record password or login_type=vault is required" (most type pages). */
export const PASSWORD_OR_VAULT: RecordRule = {
  rule: 'requireOne',
  params: ['password'],
  unless: [{ param: 'login_type', is: ['vault'] }],
};

/**
 * [Q] `ssl_verify={0|1}` (complete certificate validation) and `hosts`, the FQDNs of hosts whose
 * custom certificates a trusted root CA signed, comma separated.
 */
export const SSL_VERIFY_FIELDS: readonly FieldSpec[] = [
  { param: 'ssl_verify', element: 'SSL_VERIFY', kind: 'flag' },
  { param: 'hosts', element: 'HOSTS', kind: 'list' },
];

/** [Q] "hosts ... Required if ssl_verify=1" (SAP HANA page; the same pair on the other pages). */
export const HOSTS_WITH_SSL_VERIFY: RecordRule = { rule: 'requiredWhen', params: ['hosts'], when: { param: 'ssl_verify', is: ['1'] } };

/** [Q] the application-server and SAP pages: `status`, the record active (1) or inactive (0). */
export const STATUS_FIELD: FieldSpec = { param: 'status', element: 'STATUS', kind: 'flag' };

/** [Q] the one page for the application servers apache, ms_iis, ibm_websphere and tomcat. */
export const APP_SERVER_SOURCE = 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/app_server.htm';

/**
 * [E] application servers have no login of their own: the operating system's record for the same
 * hosts logs in, whichever of the two it is.
 */
export const UNIX_OR_WINDOWS: IpPrerequisite = { coveredBy: ['unix', 'windows'], label: 'Unix or Windows' };

/**
 * [Q] Oracle and MongoDB: a system record template is made at create (`is_template`, "not valid
 * for update request"); an update may set a record's status and save a system-created record as
 * the user's own. [E] A record is stored as no template and active unless a request says
 * otherwise, so the list filters `is_template=0` and `status=1` find the records that never said.
 */
export const TEMPLATE_FIELDS: readonly FieldSpec[] = [
  { param: 'is_template', element: 'IS_TEMPLATE', kind: 'flag', only: 'create', default: '0' },
  { ...STATUS_FIELD, only: 'update', default: '1' },
  { param: 'save_as_user_auth', kind: 'flag', only: 'update' },
];

/**
 * [Q] the Oracle and MongoDB lists' own filters: templates or records, active or not, and the
 * system-created records a template made (by its ID or title). [E] The emulator discovers no
 * instances, so it makes no system-created records: a template filter is checked and matches none.
 */
export const TEMPLATE_LIST_FILTERS: readonly ListFilterSpec[] = [
  { param: 'is_template', field: 'is_template' },
  { param: 'status', field: 'status' },
  { param: 'template_auth_id', field: 'template_auth_id', read: { kind: 'integer', min: 1 } },
  { param: 'template_auth_name', field: 'template_auth_name', read: { maxLength: 255 } },
];
