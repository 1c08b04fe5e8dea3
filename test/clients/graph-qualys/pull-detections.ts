import { join } from 'node:path';

/**
 * JupiterOne's Qualys connector (graph-qualys), its configuration and API client unchanged, doing
 * what its VMDR and vulnerability steps do (src/steps/vmdr/index.ts, src/steps/vulns/index.ts):
 * page the scanned host IDs (the host list with `details=None`, following each WARNING URL
 * verbatim) with the step's filters, pull the detections of those hosts, a POST of 1,000 IDs at a
 * time, two at once, with the step's filters and options, then the KnowledgeBase entries of the
 * QIDs found. The steps' own functions need JupiterOne's job state, so the driver calls the client
 * as they do and keeps what each callback is handed instead of making entities.
 */
export interface Pulled {
  /** Every host ID the host-ID pages delivered, in order, repeats kept. */
  hostIds: number[];
  /** Hosts the detection pages delivered, repeats kept. */
  detectionHosts: number[];
  /** Each detection delivered, as `host:UNIQUE_VULN_ID`, repeats kept. */
  detections: string[];
  /** Detections whose QID the connector could not read as a number (it skips them). */
  badQids: number;
  /** The QID of each KnowledgeBase entry delivered for the QIDs detected, repeats kept. */
  vulnQids: number[];
  /** Errors the client reported for a page of host IDs or QIDs (`onRequestError`). */
  pageErrors: string[];
}

export interface PullOptions {
  apiUrl: string;
  username: string;
  password: string;
  /** Host IDs per host-list page: the client's own `pagination.limit` (the step leaves its 10,000). */
  hostIdsPageSize: number;
}

export async function pullDetections(clientDir: string, options: PullOptions): Promise<Pulled> {
  const { calculateConfig } = await import(join(clientDir, 'src/calculateConfig.ts'));
  const { QualysAPIClient } = await import(join(clientDir, 'src/provider/client/index.ts'));
  const config = calculateConfig({
    instance: {
      config: {
        qualysApiUrl: options.apiUrl,
        qualysUsername: options.username,
        qualysPassword: options.password,
        // everything the emulator holds: generated dates go back years, severities 1 to 5
        minScannedSinceDays: 36500,
        minFindingsSinceDays: 36500,
        vmdrFindingSeverities: '1,2,3,4,5',
        vmdrFindingResultQids: [],
        ingestWebAppScans: false,
        webAppScanApplicationIDFilter: [],
      },
    },
    executionHistory: { current: { startedOn: Date.now() } },
  });
  const client = new QualysAPIClient({ config });
  const pulled: Pulled = { hostIds: [], detectionHosts: [], detections: [], badQids: 0, vulnQids: [], pageErrors: [] };
  const qids = new Set<number>();

  const onRequestError = (pageIds: number[], err: Error) => void pulled.pageErrors.push(`${pageIds[0]}..${pageIds.at(-1)}: ${err.message}`);

  // fetchScannedHostIds
  await client.iterateScannedHostIds(
    (page: number[]) => {
      pulled.hostIds.push(...page);
    },
    {
      filters: { vm_processed_after: config.minScannedSinceISODate, vm_processed_before: config.maxScannedSinceISODate },
      pagination: { limit: options.hostIdsPageSize },
    },
  );

  // fetchScannedHostFindings
  await client.iterateHostDetections(
    pulled.hostIds,
    async ({ host, detections }: { host: { ID: number }; detections: { QID: unknown; UNIQUE_VULN_ID: unknown }[] }) => {
      pulled.detectionHosts.push(host.ID);
      for (const d of detections) {
        if (typeof d.QID !== 'number') pulled.badQids++;
        else {
          pulled.detections.push(`${host.ID}:${d.UNIQUE_VULN_ID}`);
          qids.add(d.QID);
        }
      }
    },
    {
      includeResults: config.vmdrFindingResultQidNumbers.length > 0,
      useIncludeOnlyTags: config.includeOnlyDetectionTags?.length > 0,
      filters: {
        detection_updated_since: config.minFindingsSinceISODate,
        detection_updated_before: config.maxFindingsSinceISODate,
        severities: config.vmdrFindingSeverityNumbers,
        status: 'New,Fixed,Active,Re-Opened',
        tag_set_include: config.includeOnlyDetectionTags,
      },
      onRequestError,
    },
  );

  // fetchVulnerabilities
  await client.iterateVulnerabilities([...qids], (vuln: { QID: number }) => void pulled.vulnQids.push(vuln.QID), { onRequestError });
  return pulled;
}
