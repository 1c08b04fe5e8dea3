import { declareRecordType } from '../record-type.js';

/** [Q] /api/2.0/fo/auth/docker/ (Qualys's Docker record documentation; docs/fidelity.md §4.3 and §5). */
export const dockerType = declareRecordType({
  name: 'docker',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/docker.htm',
  fields: [
    // [Q] the parameter is spelled `deamon`; [E] the element keeps the spelling.
    { param: 'docker_deamon_conf_file', element: 'DOCKER_DEAMON_CONF_FILE', maxLength: 1024 },
    { param: 'docker_command', element: 'DOCKER_COMMAND', maxLength: 1024 },
  ],
  // [Q] a Docker record needs a Unix record for the same host (docs/fidelity.md §1); [E] checked only when switched on.
  hostRecord: { coveredBy: ['unix'], label: 'Unix' },
});
