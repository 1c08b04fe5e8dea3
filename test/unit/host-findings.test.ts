import { describe, expect, it } from 'vitest';
import type { HostDetections } from '../../src/hosts/host-detections.js';
import { findingsWith } from '../../src/scans/host-findings.js';
import { generatedFindings } from '../../src/scans/scan-results.js';
import type { Scan } from '../../src/scans/scan.js';

const KNOWN = 0x0a000001; // 10.0.0.1
const OTHER = 0x0a000002;

const scan: Scan = {
  id: 1,
  kind: 'vm',
  ref: 'scan/1796000000.00001',
  type: 'API',
  title: 'N/A',
  userLogin: 'tester',
  launchedAt: 1_796_000_000_000,
  priority: 0,
  networkId: 0,
  target: [[KNOWN, OTHER]],
  excluded: [],
  assetGroups: [],
  optionProfile: { id: 1, title: 'Initial Options', isDefault: true },
  scanner: 'External Scanner',
  status: { state: 'Finished', processed: true, since: 1_796_000_004_000, startedAt: 1_796_000_001_000, endedAt: 1_796_000_003_000 },
  authCovered: [],
  authFailed: [],
};

const hosts: HostDetections = {
  detectionsAt: (ip) =>
    ip === KNOWN
      ? [
          { qid: 38170, type: 'Confirmed', severity: 2, port: 22, protocol: 'tcp', results: 'hmac-md5' },
          { qid: 150004, type: 'Potential', severity: 3, port: null, protocol: null, results: null },
          // already among the information every scan gathers: not repeated
          { qid: 6, type: 'Info', severity: 1, port: null, protocol: null, results: 'known.example' },
        ]
      : undefined,
};

describe('findingsWith', () => {
  it("finds a known host's detections after the gathered information, and generates the others'", () => {
    const source = findingsWith(hosts);
    const known = source.findingsFor(KNOWN, scan);
    expect(known.map((f) => [f.qid, f.type])).toEqual([
      [6, 'Ig'],
      [82023, 'Ig'],
      [45038, 'Ig'],
      [38170, 'Vuln'],
      [150004, 'Practice'],
    ]);
    expect(known[3]).toMatchObject({ port: '22', protocol: 'tcp', result: 'hmac-md5', severity: 2 });
    expect(known[4]).toMatchObject({ port: '', protocol: '', result: '' });
    expect(source.findingsFor(OTHER, scan)).toEqual(generatedFindings.findingsFor(OTHER, scan));
  });
});
