import { conventionalList, type RecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, TEMPLATE_FIELDS, TEMPLATE_LIST_FILTERS, usernameField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/oracle/: Oracle instances (VM, PC), and Oracle system record templates
 * (`is_template=1`) the system uses to create records for the instances it discovers.
 */
export const oracleType: RecordType = {
  name: 'oracle',
  path: '/api/2.0/fo/auth/oracle/',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/oracle.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    // [Q] the instance: its SID or its service name, one of the two.
    { param: 'sid', element: 'SID', maxLength: 255 },
    { param: 'servicename', element: 'SERVICENAME', maxLength: 255 },
    // [Q] none means "All Ports".
    { param: 'port', element: 'PORT', kind: 'port' },
    { param: 'is_cdb', element: 'IS_CDB', kind: 'flag' },
    { param: 'pc_only', element: 'PC_ONLY', kind: 'flag' },
    ...TEMPLATE_FIELDS,
  ],
  rules: [
    PASSWORD_OR_VAULT,
    ...VAULT_LOGIN_RULES,
    { rule: 'exclusive', params: ['sid', 'servicename'] },
    { rule: 'requireOne', params: ['sid', 'servicename'] },
  ],
  listFilters: TEMPLATE_LIST_FILTERS,
  list: conventionalList('oracle'),
};
