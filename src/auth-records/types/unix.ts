import { declareRecordType, type RecordBody } from '../record-type.js';
import { readUnixAuthParams } from '../unix-auth-params.js';
import { applyUnixAuthParams, completeUnixAuthParams, PRIVATE_KEYS_FIELD, type UnixAuthParams } from '../unix-credentials.js';
import { UNIX_CREDENTIALS_DTD, unixCredentialsList } from '../unix-credentials-output.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';

/**
 * [Q] the UNIX_AUTH_PARAMS document a create or update POSTs with its parameters in the query
 * string (Qualys's Unix samples): root delegation tools and private-key certificates, listed
 * after CLEARTEXT_PASSWORD, before PORT (the list sample: after SKIP_PASSWORD, before PORT).
 */
const unixAuthParams: RecordBody<UnixAuthParams> = {
  root: 'UNIX_AUTH_PARAMS',
  read: readUnixAuthParams,
  apply: applyUnixAuthParams,
  complete: completeUnixAuthParams,
  listAfter: 'cleartext_password',
  list: unixCredentialsList,
  dtd: UNIX_CREDENTIALS_DTD,
};

/**
 * [Q] /api/2.0/fo/auth/unix/ (docs/fidelity.md §1 and §4.3): USERNAME right after TITLE, passwords
 * never listed. Also Cisco and Checkpoint Firewall hosts, through `sub_type`, each with its own
 * extra password.
 */
export const unixType = declareRecordType({
  name: 'unix',
  body: unixAuthParams,
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/unix.htm',
  fields: [
    // [Q] 255 characters; with login_type=vault, the vault account's name.
    { param: 'username', element: 'USERNAME', maxLength: 255, required: true },
    ...vaultLoginFields,
    // [Q] cisco or checkpoint_firewall; [E] set at create only, as it chooses what the record is.
    { param: 'sub_type', element: 'SUB_TYPE', kind: 'enum', values: ['cisco', 'checkpoint_firewall'], only: 'create' },
    { param: 'skip_password', element: 'SKIP_PASSWORD', kind: 'flag' },
    { param: 'cleartext_password', element: 'CLEARTEXT_PASSWORD', kind: 'flag' },
    // [Q] Cisco's enable password and Checkpoint's expert password.
    { param: 'enable_password', kind: 'secret' },
    { param: 'expert_password', kind: 'secret' },
    { param: 'port', element: 'PORT', kind: 'port' },
    // [Q] agentless tracking: the list sample ends the record with these two, after COMMENTS.
    // [E] the path is free text of at most 1024 characters, taken with or without the switch.
    { param: 'use_agentless_tracking', element: 'USE_AGENTLESS_TRACKING', kind: 'flag', listed: 'last' },
    { param: 'agentless_tracking_path', element: 'AGENTLESS_TRACKING_PATH', listed: 'last' },
  ],
  rules: [
    // [Q] "To create record password or login_type=vault is required"; skip_password=1 waives it,
    // and so does a private key (the samples create records with a key and no password).
    {
      rule: 'requireOne',
      params: ['password'],
      unless: [
        { param: 'skip_password', is: ['1'] },
        { param: 'login_type', is: ['vault'] },
      ],
      unlessGiven: [PRIVATE_KEYS_FIELD],
    },
    ...VAULT_LOGIN_RULES,
    // [Q] "For Unix, vault_id and password, cleartext_password parameters are mutually exclusive"
    // (vault_params_record.htm): a vault's password is neither given nor sent in clear text.
    { rule: 'exclusive', params: ['vault_id', 'password'] },
    { rule: 'exclusive', params: ['vault_id', 'cleartext_password'] },
    { rule: 'onlyWhen', params: ['enable_password'], when: { param: 'sub_type', is: ['cisco'] } },
    { rule: 'onlyWhen', params: ['expert_password'], when: { param: 'sub_type', is: ['checkpoint_firewall'] } },
  ],
});
