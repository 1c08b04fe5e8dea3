import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, usernameField } from './shared-fields.js';

/** [Q] /api/2.0/fo/auth/palo_alto_firewall/: PAN-OS through its XML API on port 443 (VM, PC). */
export const paloAltoFirewallType = declareRecordType({
  name: 'palo_alto_firewall',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/palo_alto.htm',
  fields: [usernameField(), ...vaultLoginFields],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES],
});
