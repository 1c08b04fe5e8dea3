import { declareRecordType } from '../record-type.js';
import { usernameField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/http/: HTTP protocol-level authentication (not forms) to a virtual host
 * or a realm (VM). The page names no vault, and no network_id.
 */
export const httpType = declareRecordType({
  name: 'http',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/http.htm',
  fields: [
    usernameField(),
    // [Q] "Required to create record ... Maximum 100 characters (ascii)".
    { param: 'password', kind: 'secret', maxLength: 100, required: true },
    // [Q] "vhost={value} - or - realm={value}", an FQDN or a realm name.
    { param: 'vhost', element: 'VHOST', maxLength: 255 },
    { param: 'realm', element: 'REALM', maxLength: 255 },
    { param: 'ssl', element: 'SSL', kind: 'flag' },
  ],
  rules: [
    { rule: 'exclusive', params: ['vhost', 'realm'] },
    { rule: 'requireOne', params: ['vhost', 'realm'] },
  ],
  networkId: false,
  // [Q] the page's parameters name no `ips`: the target is the vhost or realm; the online help's
  // HTTP record (authentication/win_http_record.htm) also takes "IP/IP ranges", so they are optional.
  ips: 'optional',
});
