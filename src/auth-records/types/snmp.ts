import { declareRecordType } from '../record-type.js';
import { usernameField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/snmp/: SNMP devices (VM, PC): community strings for v1 and v2c, a user
 * with authentication and privacy for v3.
 */
export const snmpType = declareRecordType({
  name: 'snmp',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/snmp.htm',
  fields: [
    // [Q] v1 is the default.
    { param: 'version', element: 'VERSION', kind: 'enum', values: ['v1', 'v2c', 'v3'], default: 'v1' },
    // [Q] comma separated; [E] a secret, never listed, 1024 characters in all.
    { param: 'community_strings', kind: 'secret', maxLength: 1024 },
    // [Q] "A maximum of 128 characters".
    usernameField(128, false),
    { param: 'password', kind: 'secret', maxLength: 100 },
    { param: 'auth_alg', element: 'AUTH_ALG', kind: 'enum', values: ['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] },
    { param: 'encrypt_password', kind: 'secret', maxLength: 100 },
    { param: 'priv_alg', element: 'PRIV_ALG', kind: 'enum', values: ['DES', 'AES'] },
    // [Q] 128 characters.
    { param: 'security_engine_id', element: 'SECURITY_ENGINE_ID', maxLength: 128 },
    { param: 'context_engine_id', element: 'CONTEXT_ENGINE_ID', maxLength: 128 },
    { param: 'context', element: 'CONTEXT', maxLength: 255 },
  ],
  rules: [
    // [Q] "valid using SNMPv1 and SNMPv2c" / "valid using SNMPv3".
    { rule: 'onlyWhen', params: ['community_strings'], when: { param: 'version', is: ['v1', 'v2c'] } },
    {
      rule: 'onlyWhen',
      params: ['username', 'password', 'auth_alg', 'encrypt_password', 'priv_alg', 'security_engine_id', 'context_engine_id', 'context'],
      when: { param: 'version', is: ['v3'] },
    },
    // [Q] "it is required that all three parameters are specified" for authentication; privacy
    // takes its password and its algorithm together.
    { rule: 'together', params: ['username', 'password', 'auth_alg'] },
    { rule: 'together', params: ['encrypt_password', 'priv_alg'] },
  ],
});
