import type { ApiFamily } from '../api-family.js';
import { RECORD_TYPES } from '../auth-records/types/index.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { RequestParams } from '../qualys/params.js';
import { scanEndpoints, scanLauncher, type ScanEndpointDeps } from './scan-endpoint.js';
import { COMPLIANCE_RESULT_DTD } from './scan-fetch.js';
import { complianceResultDtd, scanListDtd } from './scan-dtds.js';
import type { ScanLinks } from './scan-launch.js';
import { LAUNCH_DTD, SCAN_LIST_DTD, SCAN_LIST_DTD_V3 } from './scan-output.js';
import { findingsWith } from './host-findings.js';
import { ScanService } from './scan-service.js';
import { ScanStore } from './scan-store.js';
import { scansDashboard } from './scans-view.js';
import { scanControls } from './scan-controls.js';

/** A scan of a seed document: the launch's parameters (`ip`, `option_title`...), and `kind` (`vm`, the default, or `compliance`). */
export interface SeedScan {
  kind?: 'vm' | 'compliance';
  [param: string]: string | number | undefined;
}

/**
 * [Q] VM and compliance scans (/api/2.0/fo/scan/, /api/3.0/fo/scan/, /api/2.0/fo/scan/compliance/):
 * launch, list, cancel, pause, resume, delete, fetch, on one state machine a harness drives.
 */
export const scansFamily: ApiFamily<ScanLinks> = {
  name: 'scans',
  callers: 'authenticated',
  secrets: [],
  dtds: [
    v2Dtd(SCAN_LIST_DTD, scanListDtd),
    // [E] the file's name: v3.0 lists name their DTD at a path of their own
    { url: SCAN_LIST_DTD_V3, file: 'fo/scan/v3/scan_list_output.dtd', write: scanListDtd },
    v2Dtd(LAUNCH_DTD),
    v2Dtd(COMPLIANCE_RESULT_DTD, complianceResultDtd),
  ],
  docs: [],
  build({ database, settings, links }) {
    const service = new ScanService(
      new ScanStore(database),
      links,
      RECORD_TYPES.map((t) => t.name),
      { stepMs: () => settings.scanStepSeconds * 1000, now: Date.now },
    );
    // the hosts family's detections for the hosts it keeps; generated for the others
    const findings = findingsWith(links.hostDetections);
    const deps: ScanEndpointDeps = { service, links, findings };
    const launch = scanLauncher(deps);
    return {
      endpoints: scanEndpoints(deps),
      seed: {
        field: 'scans',
        answer: 'scan_ids',
        create(entry, user) {
          const kind = entry.fields.kind ?? 'vm';
          if (kind !== 'vm' && kind !== 'compliance') return entry.refuse('kind must be "vm" or "compliance"');
          return launch(kind, new RequestParams([['action', 'launch'], ...entry.params(['kind']).slice(1)]), user).id;
        },
      },
      dashboard: scansDashboard(service, findings),
      controls: scanControls(service, findings),
      offers: {},
    };
  },
};
