import { describe, expect, it } from 'vitest';
import { all, call, expectError, find, startTestEmulator, text, type Node } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { storedAndFromFields } from '../helpers/kb-stored.js';
import { generateKbEntry } from '../../src/knowledge-base/kb-generator.js';
import { cvss2Base, cvss2Temporal, cvss3Base, cvss3Temporal } from '../../src/knowledge-base/cvss-score.js';

const emulator = await startTestEmulator();
const KB = '/api/2.0/fo/knowledge_base/vuln/';

/** A full entry: every element the seed takes, in made-up words. */
const FULL = {
  qid: 316760,
  vuln_type: 'Vulnerability or Potential Vulnerability',
  severity_level: 3,
  title: 'Example Router OS Command Injection <CLI>',
  category: 'Cisco',
  detection_info: 'Checked by version',
  last_customization: { datetime: '2024-03-01T10:00:00Z', user_login: 'tester' },
  last_service_modification_datetime: '2020-10-07T13:02:59Z',
  published_datetime: '2020-10-07T12:11:44Z',
  bugtraq_list: [{ id: '1881', url: 'https://bugtraq.example.com/1881' }],
  patchable: 1,
  software_list: [{ product: 'router_os', vendor: 'example' }],
  vendor_reference_list: [{ id: 'EX-SA-2020-1', url: 'https://vendor.example.com/sa/1' }],
  cve_list: [{ id: 'CVE-2020-3403', url: 'https://cve.example.com/CVE-2020-3403' }],
  diagnosis: 'A flaw in the CLI lets a local user run commands.',
  consequence: 'Commands run as root.',
  solution: 'Update the router OS.',
  compliance_list: [{ type: 'PCI', section: '6.2', description: 'Patch systems' }],
  correlation: { exploits: [{ src_name: 'Sample feed', explt_list: [{ ref: 'CVE-2020-3403', desc: 'proof of concept' }] }] },
  cvss: { base: { value: '7.2', source: 'service' }, temporal: '5.3', vector_string: 'CVSS:2.0/AV:L/AC:L/Au:N/C:C/I:C/A:C', access: { vector: '1' } },
  cvss_v3: { base: '6.7', temporal: '5.8', cvss3_version: '3.1', attack: { vector: 'Local' } },
  pci_flag: 1,
  pci_reasons: ['Severity 3 vulnerability'],
  threat_intelligence: [{ id: 15, value: 'Remote_Code_Execution' }],
  supported_modules: 'VM, CA-Linux',
  discovery: { remote: 1, auth_type_list: ['Unix', 'SNMP', 'WEBLOGIC_VULN'], additional_info: 'Patch Available' },
  is_disabled: 0,
  change_log_list: [{ change_date: '2021-01-01T00:00:00Z', comments: 'Detection updated' }],
};

const seeded = await admin(emulator, 'POST', 'seed', {
  records: [],
  knowledge_base: [
    FULL,
    {
      qid: 6,
      vuln_type: 'Information Gathered',
      severity_level: 1,
      title: 'DNS Host Name',
      published_datetime: '2001-01-01T00:00:00Z',
      diagnosis: 'The name.',
    },
    {
      qid: 45017,
      severity_level: 2,
      title: 'Operating System Detected',
      published_datetime: '2005-06-01T08:00:00Z',
      last_service_modification_datetime: '2023-05-05T05:05:05Z',
      discovery: { remote: 0, auth_type_list: ['Windows'] },
    },
    {
      qid: 45018,
      severity_level: 5,
      title: 'Patchable remote and Windows',
      patchable: 1,
      published_datetime: '2024-02-01T00:00:00Z',
      discovery: { remote: 1, auth_type_list: ['windows'] },
    },
  ],
});

const list = async (query: Record<string, string> | [string, string][], version = '2.0') => {
  const res = await call(emulator, `/api/${version}/fo/knowledge_base/vuln/`, {
    query: [['action', 'list'], ...(Array.isArray(query) ? query : Object.entries(query))],
  });
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('KNOWLEDGE_BASE_VULN_LIST_OUTPUT');
  return res;
};
const vulns = (root: Node) => all(root, 'RESPONSE/VULN_LIST', 'VULN');
const qids = async (query: Record<string, string>) => vulns((await list(query)).root).map((v) => Number(text(v, 'QID')));
const names = (node: Node | undefined) => node?.children.map((c) => c.name);

describe('/api/2.0/fo/knowledge_base/vuln/', () => {
  it('takes a seed section knowledge_base, answering the QIDs', () => {
    expect(seeded.status, JSON.stringify(seeded.json)).toBe(200);
    expect(seeded.json).toMatchObject({ knowledge_base_qids: [316760, 6, 45017, 45018] });
  });

  it('lists every entry by QID, each in the DTD order, with DIAGNOSIS, CONSEQUENCE, SOLUTION and DISCOVERY without details [Q recorded]', async () => {
    const res = await list({});
    expect(res.body).toContain(`<!DOCTYPE KNOWLEDGE_BASE_VULN_LIST_OUTPUT SYSTEM "${emulator.url}${KB}knowledge_base_vuln_list_output.dtd">`);
    expect(vulns(res.root).map((v) => text(v, 'QID'))).toEqual(['6', '45017', '45018', '316760']);
    const full = vulns(res.root)[3];
    expect(names(full)).toEqual([
      'QID',
      'VULN_TYPE',
      'SEVERITY_LEVEL',
      'TITLE',
      'CATEGORY',
      'LAST_CUSTOMIZATION',
      'LAST_SERVICE_MODIFICATION_DATETIME',
      'PUBLISHED_DATETIME',
      'BUGTRAQ_LIST',
      'PATCHABLE',
      'SOFTWARE_LIST',
      'VENDOR_REFERENCE_LIST',
      'CVE_LIST',
      'DIAGNOSIS',
      'CONSEQUENCE',
      'SOLUTION',
      'CORRELATION',
      'CVSS',
      'CVSS_V3',
      'PCI_FLAG',
      'THREAT_INTELLIGENCE',
      'DISCOVERY',
    ]);
    // [Q: docs] Basic: the CVSS base and temporal scores only
    expect(names(find(full, 'CVSS'))).toEqual(['BASE', 'TEMPORAL']);
    expect(find(full, 'CVSS/BASE')?.attrs).toEqual({ source: 'service' });
    expect(names(find(full, 'CVSS_V3'))).toEqual(['BASE', 'TEMPORAL']);
    expect(all(full, 'DISCOVERY/AUTH_TYPE_LIST', 'AUTH_TYPE').map((a) => a.text)).toEqual(['Unix', 'SNMP', 'WEBLOGIC_VULN']);
    expect(find(full, 'THREAT_INTELLIGENCE/THREAT_INTEL')).toMatchObject({ text: 'Remote_Code_Execution', attrs: { id: '15' } });
    expect(res.body).toContain('<TITLE><![CDATA[Example Router OS Command Injection <CLI>]]></TITLE>');
    expect(res.body).toContain('<CATEGORY>Cisco</CATEGORY>');
    // [E] the defaults a seed may leave out
    const info = vulns(res.root)[0];
    expect(names(info)).toEqual(['QID', 'VULN_TYPE', 'SEVERITY_LEVEL', 'TITLE', 'PUBLISHED_DATETIME', 'PATCHABLE', 'DIAGNOSIS', 'DISCOVERY']);
    expect(text(info, 'PATCHABLE')).toBe('0');
    expect(text(info, 'DISCOVERY/REMOTE')).toBe('1');
  });

  it('details=All adds every detail; the show_ flags add PCI_REASONS, SUPPORTED_MODULES, IS_DISABLED and CHANGE_LOG_LIST', async () => {
    const [all1] = vulns((await list({ ids: '316760', details: 'All' })).root);
    expect(names(all1)).toContain('DETECTION_INFO');
    expect(names(all1)).toContain('COMPLIANCE_LIST');
    expect(names(find(all1, 'CVSS'))).toEqual(['BASE', 'TEMPORAL', 'VECTOR_STRING', 'ACCESS']);
    expect(names(find(all1, 'CVSS_V3'))).toEqual(['BASE', 'TEMPORAL', 'CVSS3_VERSION', 'ATTACK']);
    expect(names(all1)).not.toContain('PCI_REASONS');
    const [shown] = vulns(
      (
        await list({
          ids: '316760',
          show_pci_reasons: '1',
          show_supported_modules_info: '1',
          show_disabled_flag: '1',
          show_qid_change_log: '1',
        })
      ).root,
    );
    expect(names(shown)?.slice(-7)).toEqual([
      'PCI_FLAG',
      'PCI_REASONS',
      'THREAT_INTELLIGENCE',
      'SUPPORTED_MODULES',
      'DISCOVERY',
      'IS_DISABLED',
      'CHANGE_LOG_LIST',
    ]);
    expect(names(shown)).not.toContain('COMPLIANCE_LIST');
  });

  it('details=None answers an ID_SET, runs as ID_RANGE; no match answers DATETIME alone [Q recorded]', async () => {
    const res = await list({ details: 'None' });
    expect(find(res.root, 'RESPONSE/ID_SET')?.children.map((c) => `${c.name}:${c.text}`)).toEqual(['ID:6', 'ID_RANGE:45017-45018', 'ID:316760']);
    expect(names(find((await list({ ids: '123' })).root, 'RESPONSE'))).toEqual(['DATETIME']);
    expect(names(find((await list({ ids: '123', details: 'None' })).root, 'RESPONSE'))).toEqual(['DATETIME']);
  });

  it('filters by ids with ranges, id_min and id_max', async () => {
    expect(await qids({ ids: '6,45000-46000' })).toEqual([6, 45017, 45018]);
    expect(await qids({ id_min: '45018' })).toEqual([45018, 316760]);
    expect(await qids({ ids: '1-400000', id_max: '45017' })).toEqual([6, 45017]);
  });

  it('filters by is_patchable, the dates and the discovery method and auth types', async () => {
    expect(await qids({ is_patchable: '1' })).toEqual([45018, 316760]);
    expect(await qids({ published_after: '2020-01-01' })).toEqual([45018, 316760]);
    expect(await qids({ published_before: '2005-06-01T08:00:00Z' })).toEqual([6, 45017]);
    expect(await qids({ last_modified_after: '2022-01-01' })).toEqual([45017, 316760]);
    expect(await qids({ last_modified_by_service_after: '2022-01-01' })).toEqual([45017]);
    expect(await qids({ last_modified_by_user_before: '2025-01-01' })).toEqual([316760]);
    expect(await qids({ discovery_method: 'RemoteOnly' })).toEqual([6]);
    expect(await qids({ discovery_method: 'AuthenticatedOnly' })).toEqual([45017]);
    expect(await qids({ discovery_method: 'RemoteAndAuthenticated' })).toEqual([45018, 316760]);
    expect(await qids({ discovery_method: 'Remote' })).toEqual([6, 45018, 316760]);
    expect(await qids({ discovery_auth_types: 'Windows' })).toEqual([45017, 45018]);
    expect(await qids({ discovery_auth_types: 'snmp,Oracle' })).toEqual([316760]);
  });

  it('refuses bad values with 1905 and the recorded TEXT for ids, and unknown parameters with 1901', async () => {
    const get = (query: Record<string, string>) => call(emulator, KB, { query: { action: 'list', ...query } });
    expectError(await get({ ids: 'abc123' }), 400, '1905', 'parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)');
    expectError(await call(emulator, KB, { form: { action: 'list', ids: 'abc123' } }), 400, '1905', /neither a positive integer nor a range/);
    expectError(await get({ details: 'Some' }), 400, '1905', 'parameter details has invalid value: Some (must be one of: Basic, All, None)');
    expectError(await get({ is_patchable: '2' }), 400, '1905', /^parameter is_patchable has invalid value: 2/);
    expectError(await get({ published_after: '2024-13-01' }), 400, '1905', /^parameter published_after has invalid value: 2024-13-01/);
    expectError(await get({ discovery_method: 'Local' }), 400, '1905', /^parameter discovery_method has invalid value: Local/);
    expectError(await get({ discovery_auth_types: 'Unix,<x>' }), 400, '1905', /^parameter discovery_auth_types has invalid value/);
    expectError(await get({ show_pci_reasons: 'yes' }), 400, '1905', /^parameter show_pci_reasons has invalid value: yes/);
    expectError(
      await get({ truncation_limit: '10' }),
      400,
      '1901',
      /^Unrecognized parameter\(s\): truncation_limit \(action=list allows: echo_request, details, ids/,
    );
    expectError(await call(emulator, KB, { query: { action: 'add' } }), 400, '1905', /^parameter action has invalid value: add/);
  });

  it('echoes the request when asked', async () => {
    const res = await list({ ids: '6', echo_request: '1' });
    expect(text(res.root, 'REQUEST/RESOURCE')).toBe(`${emulator.url}${KB}`);
    expect(vulns(res.root)).toHaveLength(1);
  });

  it('serves /api/3.0/ and /api/4.0/, each naming a DTD at its own path, and the DTDs without credentials', async () => {
    for (const version of ['3.0', '4.0']) {
      const res = await list({ ids: '6' }, version);
      expect(res.body).toContain(`SYSTEM "${emulator.url}/api/${version}/fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd"`);
      expect(vulns(res.root)).toHaveLength(1);
      const dtd = await fetch(`${emulator.url}/api/${version}/fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd`);
      expect(dtd.status).toBe(200);
      expect(await dtd.text()).toContain('<!ELEMENT VULN (QID, VULN_TYPE');
    }
  });

  it('refuses a seed with a bad entry whole, naming it, and a QID already there', async () => {
    const bad = await admin(emulator, 'POST', 'seed', {
      records: [],
      knowledge_base: [
        { qid: 900001, severity_level: 1, title: 'ok' },
        { qid: 900002, severity_level: 9, title: 'x' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('knowledge_base[1].severity_level must be one of: 1, 2, 3, 4, 5');
    const twice = await admin(emulator, 'POST', 'seed', { records: [], knowledge_base: [{ qid: 6, severity_level: 1, title: 'again' }] });
    expect(twice.status).toBe(400);
    expect(twice.json.error).toBe('knowledge_base[0].qid 6 is in the KnowledgeBase already');
    const unknown = await admin(emulator, 'POST', 'seed', { records: [], knowledge_base: [{ qid: 900003, severity_level: 1, title: 'x', cve: 'CVE-1' }] });
    expect(unknown.json.error).toBe('knowledge_base[0] has no field cve');
    expect(await qids({ ids: '900001-900003' })).toEqual([]);
  });

  it('lists what the generator makes, valid against the DTD at every details level', async () => {
    const entries = Array.from({ length: 50 }, (_, i) => generateKbEntry(500000 + i, 7));
    expect((await admin(emulator, 'POST', 'seed', { records: [], knowledge_base: entries })).status).toBe(200);
    for (const details of ['Basic', 'All']) {
      const res = await list({ id_min: '500000', id_max: '500049', details, show_pci_reasons: '1' });
      expect(vulns(res.root)).toHaveLength(50);
    }
  });

  it("gives each generated entry the base and temporal scores of its vectors, in its severity's range", async () => {
    const entries = Array.from({ length: 200 }, (_, i) => generateKbEntry(510000 + i, 11));
    expect((await admin(emulator, 'POST', 'seed', { records: [], knowledge_base: entries })).status).toBe(200);
    const res = await list({ id_min: '510000', id_max: '510199', details: 'All' });
    const range: Record<string, [number, number]> = { 1: [0.1, 3.9], 2: [2.0, 4.9], 3: [4.0, 6.9], 4: [7.0, 8.9], 5: [9.0, 10.0] };
    let scored = 0;
    for (const vuln of vulns(res.root)) {
      for (const [group, base, temporal] of [
        ['CVSS', cvss2Base, cvss2Temporal],
        ['CVSS_V3', cvss3Base, cvss3Temporal],
      ] as const) {
        const cvss = find(vuln, group);
        if (!cvss) continue;
        scored++;
        const vector = text(cvss, 'VECTOR_STRING') ?? '';
        expect(text(cvss, 'BASE'), vector).toBe(base(vector).toFixed(1));
        expect(text(cvss, 'TEMPORAL'), vector).toBe(temporal(vector).toFixed(1));
        expect(Number(text(cvss, 'TEMPORAL'))).toBeLessThanOrEqual(Number(text(cvss, 'BASE')));
        const [lo, hi] = range[text(vuln, 'SEVERITY_LEVEL') ?? ''];
        expect(Number(text(cvss, 'BASE'))).toBeGreaterThanOrEqual(lo);
        expect(Number(text(cvss, 'BASE'))).toBeLessThanOrEqual(hi);
      }
    }
    expect(scored).toBeGreaterThan(200);
  });
});

describe('entries stored written', () => {
  it('answers the same bytes for an entry stored before its written forms were kept as for one stored with them', async () => {
    const entries = [FULL, ...Array.from({ length: 20 }, (_, i) => generateKbEntry(700000 + i, 3))];
    const queries: Record<string, string>[] = [{}, { details: 'All' }, { details: 'Basic', ids: '6,316760' }, { details: 'All', echo_request: '1' }];
    const { stored, fromFields } = await storedAndFromFields(
      entries,
      queries.map((q) => [KB, q]),
    );
    expect(stored[1]).toContain('<QID>700019</QID>');
    expect(fromFields).toEqual(stored);
  });
});
