import { declareRecordType } from '../record-type.js';
import { UNIX_OR_WINDOWS } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/jboss/: JBoss servers, whose instance discovery the 8.21.2 API release
 * notes announce. [E] No parameter page was found: the record holds what every record has.
 */
export const jbossType = declareRecordType({
  name: 'jboss',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/app_server.htm',
  fields: [],
  hostRecord: UNIX_OR_WINDOWS,
});
