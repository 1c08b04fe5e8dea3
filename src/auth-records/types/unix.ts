import type { RecordType } from '../record-type.js';

/**
 * [Q] /api/2.0/fo/auth/unix/ (docs/fidelity.md §1 and §4.3): USERNAME right after TITLE, the password
 * never listed. The subset of Qualys's Unix parameters that clients of the emulator use.
 */
export const unixType: RecordType = {
  name: 'unix',
  path: '/api/2.0/fo/auth/unix/',
  fields: [
    { param: 'username', element: 'USERNAME', maxLength: 255, requiredOnCreate: true },
    // [Q] required on create unless skip_password=1; [E] 255 characters at most.
    { param: 'password', kind: 'secret', maxLength: 255, requiredOnCreate: { unlessFlag: 'skip_password' } },
    { param: 'skip_password', element: 'SKIP_PASSWORD', kind: 'flag' },
    { param: 'port', element: 'PORT', kind: 'port' },
  ],
  genericListElement: 'AUTH_UNIX_RECORDS',
  list: {
    root: 'AUTH_UNIX_LIST_OUTPUT',
    listElement: 'AUTH_UNIX_LIST',
    recordElement: 'AUTH_UNIX',
    dtdPath: '/api/2.0/fo/auth/unix/auth_unix_list_output.dtd',
  },
};
