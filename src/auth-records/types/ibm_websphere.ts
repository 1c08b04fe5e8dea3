import { declareRecordType } from '../record-type.js';
import { APP_SERVER_SOURCE, STATUS_FIELD, UNIX_OR_WINDOWS } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/ibm_websphere/: IBM WebSphere Application Server 7.x to 9.x (PC). [E] The
 * page's opening shows only the parameters every application server shares.
 */
export const ibmWebsphereType = declareRecordType({
  name: 'ibm_websphere',
  source: APP_SERVER_SOURCE,
  fields: [STATUS_FIELD],
  hostRecord: UNIX_OR_WINDOWS,
});
