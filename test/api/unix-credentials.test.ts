import { beforeEach, describe, expect, it } from 'vitest';
import { all, call, expectError, find, startTestEmulator, text, type Node, type XmlResponse } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

// Unix records with root delegation tools and private-key certificates, POSTed as a
// UNIX_AUTH_PARAMS document with the parameters in the query string, as Qualys's samples do
// (QualysAPI/Qualys-API-Doc-Center, "Unix Authentication API samples", 2018). The documents and
// the list structure below follow the samples' element names and order; their values are the tests' own.
const UNIX = '/api/2.0/fo/auth/unix/';
const VAULT = '/api/2.0/fo/vault/';
const emulator = await startTestEmulator();

beforeEach(() => emulator.reset());

const KEY = (kind: string) => `-----BEGIN ${kind} PRIVATE KEY-----\nTOPSECRET-KEY-${kind}\n-----END ${kind} PRIVATE KEY-----`;
const PASSPHRASE = 'pass-phrase-9';
const ROOT_PASSWORD = 'root-pw-7';

/** A POST with the parameters in the query string and a document as the body, as the samples' curl. */
const withBody = (query: Record<string, string>, xml: string, contentType = 'text/xml') =>
  call(emulator, UNIX, { method: 'POST', query, body: xml, headers: { 'Content-Type': contentType } });
const doc = (inner: string) => `<?xml version="1.0" encoding="UTF-8" ?>\n<UNIX_AUTH_PARAMS>\n${inner}\n</UNIX_AUTH_PARAMS>\n`;
const keyCert = (keyType: string, key: string, passphrase?: string, id?: string) => `
  <PRIVATE_KEY_CERTIFICATE>${id ? `<ID>${id}</ID>` : ''}
    <PRIVATE_KEY_INFO type="basic">
      <PRIVATE_KEY type="${keyType}">
<![CDATA[${key}]]></PRIVATE_KEY>
    </PRIVATE_KEY_INFO>${
      passphrase === undefined
        ? ''
        : `
    <PASSPHRASE_INFO type="basic"><PASSPHRASE><![CDATA[${passphrase}]]></PASSPHRASE></PASSPHRASE_INFO>`
    }
  </PRIVATE_KEY_CERTIFICATE>`;
const createQuery = (title: string, ip: string) => ({ action: 'create', title, username: 'root', ips: ip });
const idOf = (res: XmlResponse) => text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
const unixRecord = async (id: string) => {
  const res = await call(emulator, UNIX, { query: { action: 'list', ids: id } });
  return { res, record: all(res.root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX')[0] };
};
/** An element's names, `type` attributes and children: the structure a client walks. */
const skeleton = (n: Node): unknown =>
  n.children.length === 0
    ? `${n.name}${n.attrs.type ? `[${n.attrs.type}]` : ''}`
    : { [`${n.name}${n.attrs.type ? `[${n.attrs.type}]` : ''}`]: n.children.map(skeleton) };
const vault = async (title: string, type: string) => {
  const res = await call(emulator, VAULT, { form: { action: 'create', title, type } });
  expect(res.status, res.body).toBe(200);
  return all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM').find((i) => text(i, 'KEY') === 'ID')!.children[1].text;
};

describe('Unix records with private-key certificates', () => {
  it.each([
    ['rsa', 'RSA', false],
    ['rsa', 'RSA', true],
    ['dsa', 'DSA', false],
    ['dsa', 'DSA', true],
    ['ecdsa', 'EC', false],
    ['ecdsa', 'EC', true],
    ['ed25519', 'OPENSSH', false],
    ['ed25519', 'OPENSSH', true],
  ] as const)('creates a %s record (key %s, passphrase %s) without a password, as the samples do', async (keyType, kind, encrypted) => {
    const res = await withBody(
      createQuery(`key-${keyType}-${encrypted}`, '10.20.31.244'),
      doc(`<PRIVATE_KEY_CERTIFICATES>${keyCert(keyType, KEY(kind), encrypted ? PASSPHRASE : undefined)}</PRIVATE_KEY_CERTIFICATES>`),
    );
    // the samples' answer: BATCH_RETURN, TEXT Successfully Created, ID_SET with the new ID
    expect(res.status, res.body).toBe(200);
    expect(res.root.name).toBe('BATCH_RETURN');
    expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');
    const { res: listed, record } = await unixRecord(idOf(res));
    expect(skeleton(find(record, 'PRIVATE_KEY_CERTIFICATE_LIST')!)).toEqual({
      PRIVATE_KEY_CERTIFICATE_LIST: [{ PRIVATE_KEY_CERTIFICATE: ['ID', { 'PRIVATE_KEY_INFO[basic]': [`PRIVATE_KEY[${keyType}]`] }, 'PASSPHRASE_INFO[basic]'] }],
    });
    expect(text(record, 'PRIVATE_KEY_CERTIFICATE_LIST/PRIVATE_KEY_CERTIFICATE/ID')).toMatch(/^[1-9]\d*$/);
    for (const body of [res.body, listed.body]) for (const secret of ['TOPSECRET', PASSPHRASE]) expect(body).not.toContain(secret);
  });

  it('lists what the list sample lists, in its order: root tools and keys, basic and vault, then PORT ... agentless tracking', async () => {
    const pim = await vault('pim', 'CyberArk PIM Suite');
    const res = await withBody(
      {
        ...createQuery('ssh2 record', '10.10.35.253'),
        skip_password: '1',
        port: '22',
        comments: 'c',
        use_agentless_tracking: '1',
        agentless_tracking_path: '/usr/local',
      },
      doc(`<ROOT_TOOLS>
  <ROOT_TOOL><STANDARD_TYPE type="pbrun"/><PASSWORD_INFO type="vault"><DIGITAL_VAULT><VAULT_USERNAME>u</VAULT_USERNAME><VAULT_TYPE>CyberArk PIM Suite</VAULT_TYPE><VAULT_ID>${pim}</VAULT_ID><FOLDER>f</FOLDER><FILE>g</FILE></DIGITAL_VAULT></PASSWORD_INFO></ROOT_TOOL>
  <ROOT_TOOL><STANDARD_TYPE type="pbrun"/><PASSWORD_INFO type="basic"><PASSWORD><![CDATA[${ROOT_PASSWORD}]]></PASSWORD></PASSWORD_INFO></ROOT_TOOL>
</ROOT_TOOLS>
<PRIVATE_KEY_CERTIFICATES>
  <PRIVATE_KEY_CERTIFICATE>
    <PRIVATE_KEY_INFO type="vault"><DIGITAL_VAULT><VAULT_TYPE>cyberark pim suite</VAULT_TYPE><VAULT_ID>${pim}</VAULT_ID><FOLDER>f2</FOLDER><FILE>g2</FILE></DIGITAL_VAULT></PRIVATE_KEY_INFO>
    <PASSPHRASE_INFO type="basic"/>
    <CERTIFICATE type="x.509"/>
  </PRIVATE_KEY_CERTIFICATE>
  <PRIVATE_KEY_CERTIFICATE>
    <PRIVATE_KEY_INFO type="basic"><PRIVATE_KEY type="rsa"><![CDATA[${KEY('RSA')}]]></PRIVATE_KEY></PRIVATE_KEY_INFO>
    <PASSPHRASE_INFO type="basic"><PASSPHRASE>${PASSPHRASE}</PASSPHRASE></PASSPHRASE_INFO>
    <CERTIFICATE type="openssh"><![CDATA[ssh-rsa-cert-v01@openssh.com AAAA]]></CERTIFICATE>
  </PRIVATE_KEY_CERTIFICATE>
</PRIVATE_KEY_CERTIFICATES>`),
    );
    expect(res.status, res.body).toBe(200);
    const { res: listed, record } = await unixRecord(idOf(res));
    const vaultOf = { DIGITAL_VAULT: ['DIGITAL_VAULT_ID', 'DIGITAL_VAULT_TYPE', 'DIGITAL_VAULT_TITLE', 'VAULT_USERNAME', 'VAULT_FOLDER', 'VAULT_FILE'] };
    const keyVault = { DIGITAL_VAULT: ['DIGITAL_VAULT_ID', 'DIGITAL_VAULT_TYPE', 'DIGITAL_VAULT_TITLE', 'VAULT_FOLDER', 'VAULT_FILE'] };
    // the list sample's AUTH_UNIX, element for element (its values are its own)
    expect(record.children.map(skeleton)).toEqual([
      'ID',
      'TITLE',
      'USERNAME',
      'SKIP_PASSWORD',
      {
        ROOT_TOOL_INFO_LIST: [
          { ROOT_TOOL_INFO: ['ID', 'ROOT_TOOL', { 'PASSWORD_INFO[vault]': [vaultOf] }] },
          { ROOT_TOOL_INFO: ['ID', 'ROOT_TOOL', 'PASSWORD_INFO[basic]'] },
        ],
      },
      {
        PRIVATE_KEY_CERTIFICATE_LIST: [
          { PRIVATE_KEY_CERTIFICATE: ['ID', { 'PRIVATE_KEY_INFO[vault]': [keyVault] }, 'PASSPHRASE_INFO[basic]', 'CERTIFICATE[x.509]'] },
          { PRIVATE_KEY_CERTIFICATE: ['ID', { 'PRIVATE_KEY_INFO[basic]': ['PRIVATE_KEY[rsa]'] }, 'PASSPHRASE_INFO[basic]', 'CERTIFICATE[openssh]'] },
        ],
      },
      'PORT',
      { IP_SET: ['IP'] },
      'NETWORK_ID',
      { CREATED: ['DATETIME', 'BY'] },
      { LAST_MODIFIED: ['DATETIME'] },
      'COMMENTS',
      'USE_AGENTLESS_TRACKING',
      'AGENTLESS_TRACKING_PATH',
    ]);
    const [viaVault] = all(record, 'ROOT_TOOL_INFO_LIST', 'ROOT_TOOL_INFO');
    expect(text(viaVault, 'ROOT_TOOL')).toBe('PowerBroker');
    // the vault as it is named: its ID, its own type's spelling and its title, then its settings
    expect(find(viaVault, 'PASSWORD_INFO/DIGITAL_VAULT')!.children.map((c) => c.text)).toEqual([pim, 'CyberArk PIM Suite', 'pim', 'u', 'f', 'g']);
    expect(text(record, 'PRIVATE_KEY_CERTIFICATE_LIST/PRIVATE_KEY_CERTIFICATE/PRIVATE_KEY_INFO/DIGITAL_VAULT/DIGITAL_VAULT_TYPE')).toBe('CyberArk PIM Suite');
    const ids = [...all(record, 'ROOT_TOOL_INFO_LIST', 'ROOT_TOOL_INFO'), ...all(record, 'PRIVATE_KEY_CERTIFICATE_LIST', 'PRIVATE_KEY_CERTIFICATE')].map((e) =>
      text(e, 'ID'),
    );
    // one sequence for records and entries: four entry IDs, none the record's
    expect(new Set([...ids, idOf(res)]).size).toBe(5);
    for (const secret of ['TOPSECRET', PASSPHRASE, ROOT_PASSWORD, 'AAAA']) expect(listed.body).not.toContain(secret);
    // the vault is in use: it cannot be deleted, and says by which record
    expectError(
      await call(emulator, VAULT, { form: { action: 'delete', id: pim } }),
      400,
      '1905',
      `parameter id has invalid value: ${pim} (the vault is used by authentication records: unix ${idOf(res)})`,
    );
  });
});

describe('Unix record updates of root tools and private keys', () => {
  /** A record with two root tools and two keys; their IDs in list order. */
  const seeded = async () => {
    const res = await withBody(
      createQuery('edited', '10.30.0.1'),
      doc(`<ROOT_TOOLS>
  <ROOT_TOOL><STANDARD_TYPE type="sudo"/><PASSWORD_INFO type="basic"><PASSWORD>${ROOT_PASSWORD}</PASSWORD></PASSWORD_INFO></ROOT_TOOL>
  <ROOT_TOOL><STANDARD_TYPE type="su"/></ROOT_TOOL>
</ROOT_TOOLS><PRIVATE_KEY_CERTIFICATES>${keyCert('rsa', KEY('RSA'), PASSPHRASE)}${keyCert('ed25519', KEY('OPENSSH'))}</PRIVATE_KEY_CERTIFICATES>`),
    );
    expect(res.status, res.body).toBe(200);
    const id = idOf(res);
    const { record } = await unixRecord(id);
    return {
      id,
      tools: all(record, 'ROOT_TOOL_INFO_LIST', 'ROOT_TOOL_INFO').map((t) => text(t, 'ID')!),
      keys: all(record, 'PRIVATE_KEY_CERTIFICATE_LIST', 'PRIVATE_KEY_CERTIFICATE').map((k) => text(k, 'ID')!),
    };
  };
  const update = (id: string, inner: string) => withBody({ action: 'update', ids: id }, doc(inner));
  const listed = async (id: string) => {
    const { record } = await unixRecord(id);
    return {
      tools: all(record, 'ROOT_TOOL_INFO_LIST', 'ROOT_TOOL_INFO').map(
        (t) => `${text(t, 'ID')}:${text(t, 'ROOT_TOOL')}:${find(t, 'PASSWORD_INFO')!.attrs.type}`,
      ),
      keys: all(record, 'PRIVATE_KEY_CERTIFICATE_LIST', 'PRIVATE_KEY_CERTIFICATE').map((k) => `${text(k, 'ID')}:${find(k, 'PRIVATE_KEY_INFO')!.attrs.type}`),
    };
  };

  it('edits an entry by its ID, adds one without, and removes those not named (sample 1)', async () => {
    const { id, tools, keys } = await seeded();
    const thycotic = await vault('thy', 'Thycotic Secret Server');
    const res = await update(
      id,
      `<ROOT_TOOLS>
  <ROOT_TOOL><ID>${tools[1]}</ID><STANDARD_TYPE type="pimsu"/><PASSWORD_INFO type="vault"><DIGITAL_VAULT><VAULT_USERNAME><![CDATA[root]]></VAULT_USERNAME><VAULT_TYPE>Thycotic Secret Server</VAULT_TYPE><VAULT_ID>${thycotic}</VAULT_ID><SECRET_NAME><![CDATA[name]]></SECRET_NAME></DIGITAL_VAULT></PASSWORD_INFO></ROOT_TOOL>
  <!-- the other tool is not named: it goes -->
  <ROOT_TOOL><STANDARD_TYPE type="dzdo"/></ROOT_TOOL>
</ROOT_TOOLS>`,
    );
    expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT'), res.body).toBe('Successfully Updated');
    const after = await listed(id);
    expect(after.tools).toEqual([`${tools[1]}:Pimsu:vault`, expect.stringMatching(/^\d+:Dzdo:basic$/)]);
    expect(after.tools[1].split(':')[0]).not.toBe(tools[0]);
    expect(after.keys).toEqual(keys.map((k) => `${k}:basic`));
  });

  it('edits private keys and root tools together, and keeps a secret an edit leaves out (samples 2 and 3)', async () => {
    const { id, tools, keys } = await seeded();
    const aim = await vault('aim', 'CyberArk AIM');
    const quest = await vault('quest', 'Quest Vault');
    const res = await update(
      id,
      `<ROOT_TOOLS><ROOT_TOOL><ID>${tools[0]}</ID><STANDARD_TYPE type="sudo"/><PASSWORD_INFO type="basic"/></ROOT_TOOL></ROOT_TOOLS>
<PRIVATE_KEY_CERTIFICATES>
  <PRIVATE_KEY_CERTIFICATE><ID>${keys[0]}</ID>
    <PRIVATE_KEY_INFO type="vault"><DIGITAL_VAULT><VAULT_TYPE>CyberArk AIM</VAULT_TYPE><VAULT_ID>${aim}</VAULT_ID><FOLDER><![CDATA[folder]]></FOLDER><FILE><![CDATA[file]]></FILE></DIGITAL_VAULT></PRIVATE_KEY_INFO>
    <PASSPHRASE_INFO type="basic"><PASSPHRASE><![CDATA[other]]></PASSPHRASE></PASSPHRASE_INFO>
  </PRIVATE_KEY_CERTIFICATE>
  <PRIVATE_KEY_CERTIFICATE><ID>${keys[1]}</ID>
    <PRIVATE_KEY_INFO type="basic"><PRIVATE_KEY type="ed25519"></PRIVATE_KEY></PRIVATE_KEY_INFO>
    <PASSPHRASE_INFO type="vault"><DIGITAL_VAULT><VAULT_USERNAME>p</VAULT_USERNAME><VAULT_TYPE>Quest Vault</VAULT_TYPE><VAULT_ID>${quest}</VAULT_ID><SYSTEM_NAME>s</SYSTEM_NAME></DIGITAL_VAULT></PASSPHRASE_INFO>
    <CERTIFICATE type="openssh"><![CDATA[ssh-ed25519-cert-v01@openssh.com AAAA]]></CERTIFICATE>
  </PRIVATE_KEY_CERTIFICATE>
</PRIVATE_KEY_CERTIFICATES>`,
    );
    expect(res.status, res.body).toBe(200);
    expect(await listed(id)).toEqual({ tools: [`${tools[0]}:Sudo:basic`], keys: [`${keys[0]}:vault`, `${keys[1]}:basic`] });
    const { record } = await unixRecord(id);
    expect(find(record, 'PRIVATE_KEY_CERTIFICATE_LIST')!.children[1].children.map(skeleton)).toEqual([
      'ID',
      { 'PRIVATE_KEY_INFO[basic]': ['PRIVATE_KEY[ed25519]'] },
      {
        'PASSPHRASE_INFO[vault]': [{ DIGITAL_VAULT: ['DIGITAL_VAULT_ID', 'DIGITAL_VAULT_TYPE', 'DIGITAL_VAULT_TITLE', 'VAULT_USERNAME', 'VAULT_SYSTEM_NAME'] }],
      },
      'CERTIFICATE[openssh]',
    ]);
    // the same document again changes nothing
    expect(
      text(
        (await update(id, `<ROOT_TOOLS><ROOT_TOOL><ID>${tools[0]}</ID><STANDARD_TYPE type="sudo"/><PASSWORD_INFO type="basic"/></ROOT_TOOL></ROOT_TOOLS>`))
          .root,
        'RESPONSE/BATCH_LIST/BATCH/TEXT',
      ),
    ).toBe('No records updated: nothing to change');
  });

  it('deletes every root tool, every key, or both, with empty lists (sample 4); a record left without any login is refused', async () => {
    const { id } = await seeded();
    expect((await update(id, '<ROOT_TOOLS></ROOT_TOOLS>')).status).toBe(200);
    expect(await listed(id)).toMatchObject({ tools: [] });
    // without its keys and without a password, the record would have no login: 1903, nothing changes
    expectError(
      await update(id, '<ROOT_TOOLS></ROOT_TOOLS><PRIVATE_KEY_CERTIFICATES></PRIVATE_KEY_CERTIFICATES>'),
      400,
      '1903',
      'Missing required parameter(s): password',
    );
    expect((await listed(id)).keys).toHaveLength(2);
    const res = await withBody({ action: 'update', ids: id, password: 'pw' }, doc('<ROOT_TOOLS/><PRIVATE_KEY_CERTIFICATES/>'));
    expect(res.status, res.body).toBe(200);
    const { record } = await unixRecord(id);
    expect(record.children.map((c) => c.name)).not.toContain('PRIVATE_KEY_CERTIFICATE_LIST');
  });

  it('refuses an ID the record does not hold, or one named twice, changing nothing', async () => {
    const { id, tools } = await seeded();
    const before = await listed(id);
    expectError(
      await update(id, '<ROOT_TOOLS><ROOT_TOOL><ID>999999</ID><STANDARD_TYPE type="sudo"/></ROOT_TOOL></ROOT_TOOLS>'),
      400,
      '1905',
      `parameter ID has invalid value: 999999 (no root tool with this ID in record ${id})`,
    );
    expectError(
      await update(
        id,
        `<ROOT_TOOLS><ROOT_TOOL><ID>${tools[0]}</ID><STANDARD_TYPE type="sudo"/></ROOT_TOOL><ROOT_TOOL><ID>${tools[0]}</ID><STANDARD_TYPE type="su"/></ROOT_TOOL></ROOT_TOOLS>`,
      ),
      400,
      '1905',
      `parameter ID has invalid value: ${tools[0]} (names one root tool twice)`,
    );
    expect(await listed(id)).toEqual(before);
  });
});

describe('UNIX_AUTH_PARAMS refused, changing nothing', () => {
  it('refuses a malformed, unknown or misordered document with 400, 1905, naming never a secret', async () => {
    const cases: [string, RegExp][] = [
      [
        '<UNIX_AUTH_PARAMS><ROOT_TOOLS></UNIX_AUTH_PARAMS>',
        /^Request body could not be read: not well-formed XML \(line 1\): <\/UNIX_AUTH_PARAMS> closes <ROOT_TOOLS>$/,
      ],
      ['<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><UNIX_AUTH_PARAMS>&e;</UNIX_AUTH_PARAMS>', /DOCTYPE is not accepted/],
      ['<WINDOWS_AUTH_PARAMS/>', /^Request body could not be read: the document is WINDOWS_AUTH_PARAMS, not UNIX_AUTH_PARAMS$/],
      ['<UNIX_AUTH_PARAMS><SUDO/></UNIX_AUTH_PARAMS>', /UNIX_AUTH_PARAMS has no element SUDO \(it takes ROOT_TOOLS, PRIVATE_KEY_CERTIFICATES\)/],
      ['<UNIX_AUTH_PARAMS><PRIVATE_KEY_CERTIFICATES/><ROOT_TOOLS/></UNIX_AUTH_PARAMS>', /ROOT_TOOLS comes before PRIVATE_KEY_CERTIFICATES in UNIX_AUTH_PARAMS/],
      [
        '<UNIX_AUTH_PARAMS><ROOT_TOOLS><ROOT_TOOL><STANDARD_TYPE type="runas"/></ROOT_TOOL></ROOT_TOOLS></UNIX_AUTH_PARAMS>',
        /^parameter STANDARD_TYPE type has invalid value: runas \(must be one of: sudo, su, pbrun, dzdo, pimsu\)$/,
      ],
      [
        '<UNIX_AUTH_PARAMS><ROOT_TOOLS><ROOT_TOOL><STANDARD_TYPE type="sudo"/><PASSWORD_INFO type="vault"><DIGITAL_VAULT><VAULT_TYPE>CyberArk AIM</VAULT_TYPE><VAULT_ID>42</VAULT_ID></DIGITAL_VAULT></PASSWORD_INFO></ROOT_TOOL></ROOT_TOOLS></UNIX_AUTH_PARAMS>',
        /^parameter VAULT_ID has invalid value: 42 \(no such vault\)$/,
      ],
      [doc(`<PRIVATE_KEY_CERTIFICATES>${keyCert('rsa', '')}</PRIVATE_KEY_CERTIFICATES>`), /PRIVATE_KEY is empty/],
      [
        doc(
          `<PRIVATE_KEY_CERTIFICATES>${keyCert('rsa', KEY('RSA')).replace('<PRIVATE_KEY_INFO', '<PASSPHRASE_INFO type="basic"/><PRIVATE_KEY_INFO')}</PRIVATE_KEY_CERTIFICATES>`,
        ),
        /PRIVATE_KEY_INFO comes before PASSPHRASE_INFO/,
      ],
      [doc(`<PRIVATE_KEY_CERTIFICATES>${keyCert('rsa', KEY('RSA'), 'x'.repeat(101))}</PRIVATE_KEY_CERTIFICATES>`), /PASSPHRASE is longer than 100 characters/],
      [
        doc(`<PRIVATE_KEY_CERTIFICATES>${keyCert('rsa', KEY('RSA'), undefined, '5')}</PRIVATE_KEY_CERTIFICATES>`),
        /^parameter ID has invalid value: 5 \(a record being created has no entries to edit\)$/,
      ],
      [
        doc(
          `<PRIVATE_KEY_CERTIFICATES>${keyCert('rsa', `${KEY('RSA')} &bogus;`)
            .replace('<![CDATA[', '')
            .replace(']]>', '')}</PRIVATE_KEY_CERTIFICATES>`,
        ),
        /reference to an entity other than/,
      ],
    ];
    for (const [xml, reason] of cases) {
      const res = await withBody({ ...createQuery('refused', '10.40.0.1'), password: 'p' }, xml);
      expectError(res, 400, '1905', reason);
      for (const secret of ['TOPSECRET', PASSPHRASE]) expect(res.body).not.toContain(secret);
    }
    expect((await call(emulator, UNIX, { query: { action: 'list' } })).root.children[0].children).toHaveLength(1);
  });

  it('refuses a document sent to a type that takes none, and reads one sent as application/xml', async () => {
    expectError(
      await call(emulator, '/api/2.0/fo/auth/windows/', {
        method: 'POST',
        query: { action: 'create', title: 'w', username: 'a', password: 'p', ips: '10.50.0.1' },
        body: '<WINDOWS_AUTH_PARAMS/>',
        headers: { 'Content-Type': 'text/xml' },
      }),
      400,
      '1905',
      'Request body could not be read: a windows record takes no XML document',
    );
    const res = await withBody(
      createQuery('as application/xml', '10.50.0.2'),
      doc(`<PRIVATE_KEY_CERTIFICATES>${keyCert('rsa', KEY('RSA'))}</PRIVATE_KEY_CERTIFICATES>`),
      'application/xml; charset=utf-8',
    );
    expect(res.status, res.body).toBe(200);
  });

  it('never shows a key, passphrase or root password: not in echoes, the journal, the dashboard or a 1905', async () => {
    const res = await withBody(
      { ...createQuery('masked', '10.60.0.1'), echo_request: '1' },
      doc(
        `<ROOT_TOOLS><ROOT_TOOL><STANDARD_TYPE type="sudo"/><PASSWORD_INFO type="basic"><PASSWORD>${ROOT_PASSWORD}</PASSWORD></PASSWORD_INFO></ROOT_TOOL></ROOT_TOOLS><PRIVATE_KEY_CERTIFICATES>${keyCert('rsa', KEY('RSA'), PASSPHRASE)}</PRIVATE_KEY_CERTIFICATES>`,
      ),
    );
    expect(res.status, res.body).toBe(200);
    const id = idOf(res);
    const shown = [
      res.body,
      JSON.stringify((await admin(emulator, 'GET', 'requests')).json),
      JSON.stringify((await admin(emulator, 'GET', 'records/unix')).json),
      JSON.stringify((await admin(emulator, 'GET', `records/unix/${id}/xml`)).json),
      (await call(emulator, UNIX, { query: { action: 'list', details: 'All', echo_request: '1' } })).body,
    ];
    for (const s of shown) for (const secret of ['TOPSECRET', PASSPHRASE, ROOT_PASSWORD]) expect(s).not.toContain(secret);
  });
});
