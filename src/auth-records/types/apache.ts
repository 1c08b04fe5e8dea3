import { declareRecordType } from '../record-type.js';
import { APP_SERVER_SOURCE, STATUS_FIELD, UNIX_OR_WINDOWS } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/apache/: Apache HTTP Server, IBM HTTP Server, vFabric and Pivotal Web
 * Server (PC), found by their configuration file and control command; no login of their own.
 */
export const apacheType = declareRecordType({
  name: 'apache',
  source: APP_SERVER_SOURCE,
  fields: [
    { param: 'unix_apache_config_file', element: 'UNIX_APACHE_CONFIG_FILE' },
    { param: 'unix_apache_control_command', element: 'UNIX_APACHE_CONTROL_COMMAND' },
    { param: 'windows_apache_config_file', element: 'WINDOWS_APACHE_CONFIG_FILE' },
    { param: 'windows_apache_control_command', element: 'WINDOWS_APACHE_CONTROL_COMMAND' },
    STATUS_FIELD,
  ],
  hostRecord: UNIX_OR_WINDOWS,
});
