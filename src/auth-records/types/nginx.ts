import { declareRecordType } from '../record-type.js';

/** [Q] /api/2.0/fo/auth/nginx/: Nginx on Unix (PC, SCA). */
export const nginxType = declareRecordType({
  name: 'nginx',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/nginx_record.htm',
  fields: [
    // [Q] the binary's absolute path: the page's sample sends unix_bin_path, its table names
    // unix_base_path; the sample's name is taken (docs/fidelity.md §14.1).
    { param: 'unix_bin_path', element: 'UNIX_BIN_PATH' },
    { param: 'unix_conf_path', element: 'UNIX_CONF_PATH' },
    { param: 'unix_prefix_path', element: 'UNIX_PREFIX_PATH' },
  ],
});
