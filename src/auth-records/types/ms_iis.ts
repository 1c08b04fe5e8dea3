import { declareRecordType } from '../record-type.js';
import { APP_SERVER_SOURCE, STATUS_FIELD } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/ms_iis/: MS IIS 6.0 to 10 on Windows (PC). [E] The page's opening shows
 * only the parameters every application server shares; the record is its targets and status.
 */
export const msIisType = declareRecordType({
  name: 'ms_iis',
  source: APP_SERVER_SOURCE,
  fields: [STATUS_FIELD],
  // [E] IIS runs on Windows: the Windows record logs in.
  hostRecord: { coveredBy: ['windows'], label: 'Windows' },
});
