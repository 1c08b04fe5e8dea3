import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';

/**
 * [Q] /api/2.0/fo/auth/windows/: a local or domain account for Windows hosts (VM, PC). Domain
 * records name either an Active Directory domain or a NetBIOS domain, never both.
 */
export const windowsType = declareRecordType({
  name: 'windows',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/windows.htm',
  fields: [
    // [Q] "may include 1-31 characters (ascii)"; some clients put the domain in it (DOMAIN\svc).
    { param: 'username', element: 'USERNAME', maxLength: 31, required: true },
    ...vaultLoginFields,
    // [Q] a Fully Qualified Domain Name for an Active Directory forest; [E] 255 characters.
    { param: 'windows_ad_domain', element: 'WINDOWS_AD_DOMAIN', maxLength: 255 },
    // [Q] the NetBIOS domain; [E] 255 characters.
    { param: 'windows_domain', element: 'WINDOWS_DOMAIN', maxLength: 255 },
    // [Q] authentication protocols: NTLMv1 off, Kerberos and NTLMv2 on unless told otherwise.
    { param: 'ntlm', element: 'NTLM', kind: 'flag' },
    { param: 'kerberos', element: 'KERBEROS', kind: 'flag' },
    { param: 'ntlmv2', element: 'NTLMV2', kind: 'flag' },
    { param: 'require_smb_signing', element: 'REQUIRE_SMB_SIGNING', kind: 'flag' },
    { param: 'minimum_smb_version', element: 'MINIMUM_SMB_VERSION', kind: 'enum', values: ['1', '2.0.2', '2.1', '3.0', '3.0.2', '3.1.1'] },
    { param: 'use_agentless_tracking', element: 'USE_AGENTLESS_TRACKING', kind: 'flag' },
  ],
  rules: [
    // [Q] "To create record password or login_type=vault is required".
    { rule: 'requireOne', params: ['password'], unless: [{ param: 'login_type', is: ['vault'] }] },
    ...VAULT_LOGIN_RULES,
    // [Q] "For Windows, vault_id and password parameters are mutually exclusive" (vault_params_record.htm).
    { rule: 'exclusive', params: ['vault_id', 'password'] },
    { rule: 'exclusive', params: ['windows_ad_domain', 'windows_domain'] },
  ],
  // [Q from the VM/PC API User Guide as a public client transcribes it] a domain-level record
  // authenticates to the hosts of its Active Directory domain, and takes no IPs.
  ips: { orOneOf: ['windows_ad_domain'] },
});
