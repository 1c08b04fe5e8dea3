import { declareRecordType } from '../record-type.js';

/** [Q] /api/2.0/fo/auth/kubernetes/: a Kubernetes 1.x application on a Unix host (PC). */
export const kubernetesType = declareRecordType({
  name: 'kubernetes',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/kubernetes.htm',
  fields: [
    // [Q] absolute paths of the kubectl command and of the Kubernetes configuration file.
    { param: 'unix_bin_path', element: 'UNIX_BIN_PATH' },
    { param: 'unix_conf_path', element: 'UNIX_CONF_PATH' },
  ],
  // [Q] "Unix authentication is required. So, you'll also need a Unix record for the asset".
  hostRecord: { coveredBy: ['unix'], label: 'Unix' },
});
