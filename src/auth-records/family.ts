import type { ApiFamily } from '../api-family.js';
import { RECORD_TYPES } from './types/index.js';
import { secretParams } from './record-type.js';
import { RecordStore } from './record-store.js';
import { RecordService, type RecordCoverage, type VaultDirectory } from './record-service.js';
import { ListAnswers } from './list-answers.js';
import { recordCreator, recordEndpoint } from './record-endpoint.js';
import { GENERIC_LIST_DTD, genericListDtd, genericListEndpoint } from './generic-list.js';
import { v3Endpoint } from './api-v3.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { listDtd } from './list-dtd.js';
import { recordSeed } from './record-seed.js';
import { RecordsView } from './records-view.js';
import { recordTypesDoc } from './record-types-doc.js';
import type { NetworkDirectory } from '../networks/network-directory.js';

/** What the records take from other families: the vaults their vault logins name, the networks their network_id names. */
export interface AuthRecordLinks {
  vaults: VaultDirectory;
  networks: NetworkDirectory;
}

/**
 * [Q] Authentication records (/api/2.0/fo/auth/ and /api/3.0/fo/auth/): an endpoint per declared
 * record type (`types/`), and the generic list of every record's ID.
 */
export const authRecordsFamily: ApiFamily<AuthRecordLinks, { authRecords: RecordCoverage }> = {
  name: 'auth-records',
  callers: 'authenticated',
  secrets: secretParams(RECORD_TYPES.flatMap((t) => t.fields)),
  // [E] written from the declarations; v3.0 answers name the same (docs/fidelity.md, API v3.0)
  dtds: [...RECORD_TYPES.map((t) => v2Dtd(t.list.dtdPath, () => listDtd(t))), v2Dtd(GENERIC_LIST_DTD, () => genericListDtd(RECORD_TYPES))],
  docs: [{ file: 'record-types.md', write: () => recordTypesDoc(RECORD_TYPES) }],
  build({ database, settings, secrets, links }) {
    const store = new RecordStore(database);
    const service = new RecordService(store, settings, links.vaults);
    const lists = {
      get pageSize() {
        return settings.pageSize;
      },
      networks: links.networks,
      answers: new ListAnswers(),
    };
    const perType = RECORD_TYPES.map((type) => recordEndpoint(type, service, lists));
    const v2 = [...perType, genericListEndpoint(RECORD_TYPES, service, lists)];
    const endpoints = new Map(RECORD_TYPES.map((type, i) => [type.name, perType[i]]));
    const view = new RecordsView({ types: RECORD_TYPES, service, endpoints, pageSize: () => settings.pageSize, secrets });
    return {
      endpoints: [...v2, ...v2.map(v3Endpoint)],
      seed: recordSeed(RECORD_TYPES, recordCreator(service, lists), links.vaults),
      dashboard: view.dashboard(),
      offers: { authRecords: service },
    };
  },
};
