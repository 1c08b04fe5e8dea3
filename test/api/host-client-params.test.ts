import { describe, expect, it } from 'vitest';
import { all, call, expectError, startTestEmulator, text, type Node } from '../helpers/emulator.js';

// The detection and host list parameters public clients send, each client's call as it sends it
// (/work research of issue 23; docs/fidelity.md §20). Every answer is DTD-validated.
const emulator = await startTestEmulator();
const detections = (v: string) => `/api/${v}/fo/asset/host/vm/detection/`;
const VERSIONS = ['2.0', '3.0', '4.0', '5.0'];

const hosts = (root: Node) => all(root, 'RESPONSE/HOST_LIST', 'HOST');
const qidsOf = (root: Node) => hosts(root).flatMap((h) => all(h, 'DETECTION_LIST', 'DETECTION').map((d) => text(d, 'QID')));
const answered = async (res: Awaited<ReturnType<typeof call>>) => {
  expect(res.status, res.body).toBe(200);
  return res.root;
};

await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '10.30.0.0/24', enable_vm: '1' } });
await emulator.seed({
  records: [],
  hosts: [
    {
      id: 900,
      ip: '10.30.0.9',
      tags: [{ tag_id: 21, name: 'Prod' }],
      detections: [
        {
          qid: 38200,
          severity: 3,
          type: 'Confirmed',
          status: 'Active',
          last_processed_datetime: '2026-10-01T00:00:00Z',
          last_test_datetime: '2026-10-01T00:00:00Z',
        },
        {
          qid: 38201,
          severity: 4,
          type: 'Confirmed',
          status: 'New',
          last_processed_datetime: '2026-11-20T00:00:00Z',
          last_test_datetime: '2026-11-20T00:00:00Z',
        },
      ],
    },
    {
      id: 901,
      ip: '10.30.0.10',
      tags: [{ tag_id: 22, name: 'Lab' }],
      detections: [{ qid: 38202, severity: 5, type: 'Confirmed', status: 'Fixed', last_processed_datetime: '2026-09-01T00:00:00Z' }],
    },
  ],
});
const IDS = '900-901';

describe('cloud and detection-source parameters on the detections, every version', () => {
  it("answers ServiceNow's Host Detection Integration call (5.0 since 12.21.0) at every version, adding no element", async () => {
    for (const v of VERSIONS) {
      const root = await answered(
        await call(emulator, detections(v), {
          form: {
            action: 'list',
            ids: IDS,
            vuln_detection_source: '1',
            show_tags: '1',
            show_cloud_tags: '1',
            host_metadata: 'all',
            output_format: 'XML',
            truncation_limit: '500',
            status: 'New,Active,Re-Opened,Fixed',
            severities: '1-5',
          },
        }),
      );
      expect(qidsOf(root)).toEqual(['38200', '38201', '38202']);
      for (const h of hosts(root)) expect(h.children.map((c) => c.name)).not.toContain('METADATA');
    }
  });

  it("answers qualysdk's documented 5.0 call and Qualys's Doc Center Sample 7", async () => {
    const qualysdk = {
      action: 'list',
      echo_request: '0',
      show_results: '1',
      output_format: 'XML',
      ids: IDS,
      show_asset_id: '1',
      show_tags: '1',
      show_cloud_tags: '1',
      host_metadata: 'all',
      show_qds: '1',
      show_qds_factors: '1',
    };
    expect(qidsOf(await answered(await call(emulator, detections('5.0'), { form: qualysdk })))).toEqual(['38200', '38201']);
    const sample7 = { action: 'list', ids: IDS, host_metadata: 'ec2', host_metadata_fields: 'region' };
    expect(hosts(await answered(await call(emulator, detections('2.0'), { query: sample7 }))).map((h) => text(h, 'ID'))).toEqual(['900']);
  });

  it('refuses a value outside each parameter’s set with 1905', async () => {
    const bad = async (name: string, value: string) =>
      expectError(
        await call(emulator, detections('5.0'), { query: { action: 'list', [name]: value } }),
        400,
        '1905',
        new RegExp(`^parameter ${name} has invalid value`),
      );
    await bad('host_metadata', 'aws');
    await bad('vuln_detection_source', '2');
    await bad('show_cloud_tags', 'yes');
  });
});

describe('detection_processed_after and _before, on LAST_PROCESSED_DATETIME', () => {
  it("keeps what ServiceNow's legacy Host Detection message asks for, and no other detection of the host", async () => {
    const serviceNow = {
      action: 'list',
      ids: IDS,
      output_format: 'XML',
      detection_processed_after: '2026-11-01',
      truncation_limit: '500',
      status: 'New,Active,Re-Opened,Fixed',
    };
    const root = await answered(await call(emulator, detections('2.0'), { form: serviceNow }));
    expect(qidsOf(root)).toEqual(['38201']);
    expect(text(all(hosts(root)[0], 'DETECTION_LIST', 'DETECTION')[0], 'LAST_PROCESSED_DATETIME')).toBe('2026-11-20T00:00:00Z');
  });

  it("keeps what XSOAR's qualys-host-list-detection asks for with both bounds", async () => {
    const xsoar = {
      action: 'list',
      ids: IDS,
      status: 'Fixed,Active',
      detection_processed_after: '2026-08-01T00:00:00Z',
      detection_processed_before: '2026-10-01T00:00:01Z',
    };
    expect(qidsOf(await answered(await call(emulator, detections('2.0'), { query: xsoar })))).toEqual(['38200', '38202']);
    expectError(
      await call(emulator, detections('2.0'), { query: { action: 'list', detection_processed_after: '2026-13-01' } }),
      400,
      '1905',
      /^parameter detection_processed_after has invalid value: 2026-13-01 /,
    );
  });
});

describe('a pair without a name', () => {
  it("answers Microsoft Sentinel's default call, whose filter `&truncation_limit=50` sends `=&`", async () => {
    const sentinel: [string, string][] = [
      ['status', 'New,Active,Fixed,Re-Opened'],
      ['action', 'list'],
      ['show_results', '1'],
      ['show_igs', '0'],
      ['vm_processed_after', '2026-01-01T00:00:00Z'],
      ['vm_processed_before', '2027-01-01T00:00:00Z'],
      ['', ''],
      ['truncation_limit', '50'],
    ];
    const res = await call(emulator, detections('2.0'), { query: sentinel });
    expect(res.status, res.body).toBe(200);
  });
});

describe('tag selection on the detections, as on the host list', () => {
  it('keeps the hosts graph-qualys asks for with includeOnlyDetectionTags (a POST at 2.0)', async () => {
    const graphQualys = {
      action: 'list',
      show_tags: '1',
      show_igs: '1',
      show_results: '0',
      output_format: 'XML',
      truncation_limit: '1000',
      ids: IDS,
      status: 'New,Fixed,Active,Re-Opened',
      use_tags: '1',
      tag_set_by: 'name',
      tag_set_include: 'Prod',
    };
    const root = await answered(await call(emulator, detections('2.0'), { form: graphQualys }));
    expect(hosts(root).map((h) => text(h, 'ID'))).toEqual(['900']);
    expect(qidsOf(root)).toEqual(['38200', '38201']);
  });

  it("keeps the hosts XSOAR's qualys-host-list-detection asks for, at every version", async () => {
    const xsoar = {
      action: 'list',
      ids: IDS,
      status: 'Fixed',
      use_tags: '1',
      tag_set_by: 'id',
      tag_include_selector: 'any',
      tag_exclude_selector: 'any',
      tag_set_include: '21,22',
      tag_set_exclude: '21',
    };
    for (const v of VERSIONS) expect(qidsOf(await answered(await call(emulator, detections(v), { query: xsoar })))).toEqual(['38202']);
    expectError(
      await call(emulator, detections('5.0'), { query: { action: 'list', use_tags: '1', tag_set_include: 'Prod' } }),
      400,
      '1905',
      /^parameter tag_set_include has invalid value: Prod /,
    );
  });
});
