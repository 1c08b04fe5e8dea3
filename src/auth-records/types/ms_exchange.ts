import { declareRecordType } from '../record-type.js';

/**
 * [Q] /api/2.0/fo/auth/ms_exchange/: MS Exchange Server (PC). The record is its title, targets,
 * comments and network; the page's sample list shows AUTH_MS_EXCHANGE with ID, TITLE, IP_SET
 * and NETWORK_ID, and its DOCTYPE names auth_ms_exchange_list_output.dtd.
 */
export const msExchangeType = declareRecordType({
  name: 'ms_exchange',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/ms_exchange_server.htm',
  fields: [],
  // [E] no login of its own: the Windows record for the same hosts logs in.
  hostRecord: { coveredBy: ['windows'], label: 'Windows' },
});
