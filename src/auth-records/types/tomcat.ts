import { declareRecordType } from '../record-type.js';
import { APP_SERVER_SOURCE, STATUS_FIELD, UNIX_OR_WINDOWS } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/tomcat/: Apache Tomcat, vFabric and Pivotal tc Server (VM, PC), found by
 * their Unix or Windows installation and instance directories; no login of their own.
 */
export const tomcatType = declareRecordType({
  name: 'tomcat',
  source: APP_SERVER_SOURCE,
  fields: [
    { param: 'installation_path', element: 'INSTALLATION_PATH' },
    { param: 'instance_path', element: 'INSTANCE_PATH' },
    { param: 'auto_discover_instances', element: 'AUTO_DISCOVER_INSTANCES', kind: 'flag' },
    { param: 'installation_path_windows', element: 'INSTALLATION_PATH_WINDOWS' },
    { param: 'instance_path_windows', element: 'INSTANCE_PATH_WINDOWS' },
    { param: 'service_name', element: 'SERVICE_NAME', maxLength: 255 },
    STATUS_FIELD,
  ],
  hostRecord: UNIX_OR_WINDOWS,
});
