import { describe, expect, it } from 'vitest';
import { call, DOCKER, find, startTestEmulator, text } from '../helpers/emulator.js';
import { createDtdValidator } from '../../src/xml-validation.js';

const emulator = await startTestEmulator({ validateXml: true });

describe('--validate-xml', () => {
  it('lets valid answers through unchanged', async () => {
    const res = await call(emulator, DOCKER, { form: { action: 'create', title: 'v', ips: '10.0.0.1', echo_request: '1' } });
    expect(res.status).toBe(200);
    expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');
  });

  it('checks a streamed answer whole before any of it leaves', async () => {
    await emulator.seed({ records: [], knowledge_base: [{ qid: 6, severity_level: 1, title: 'DNS Host Name' }] });
    const res = await call(emulator, '/api/2.0/fo/knowledge_base/vuln/', { query: { action: 'list' } });
    expect(res.status).toBe(200);
    expect(text(res.root, 'RESPONSE/VULN_LIST/VULN/QID')).toBe('6');
    // gathered to be checked, so sent with its length rather than streamed
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(res.body)));
  });

  it('rejects documents that break their DTD, name another root, or name no bundled DTD', () => {
    const validate = createDtdValidator();
    const head = '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE SIMPLE_RETURN SYSTEM "http://x/api/2.0/simple_return.dtd">\n';
    expect(validate(`${head}<SIMPLE_RETURN><RESPONSE><DATETIME>d</DATETIME><TEXT>t</TEXT></RESPONSE></SIMPLE_RETURN>`)).toBeUndefined();
    expect(validate(`${head}<SIMPLE_RETURN><RESPONSE><TEXT>t</TEXT></RESPONSE></SIMPLE_RETURN>`)).toBeDefined();
    expect(validate(`${head}<BATCH_RETURN/>`)).toMatch(/does not match/);
    expect(validate('<?xml version="1.0"?><!DOCTYPE A SYSTEM "http://x/other.dtd"><A/>')).toMatch(/no bundled DTD/);
    expect(validate(`${head}<SIMPLE_RETURN>`)).toBeDefined();
  });
});

describe('a response that fails its DTD at run time', () => {
  it('is logged and answered as CODE 999, and the write it answered is undone', async () => {
    const { createServer } = await import('node:http');
    const { createApp } = await import('../../src/app.js');
    const { openDatabase } = await import('../../src/db/open.js');
    const { DEFAULTS } = await import('../../src/settings/config.js');
    const { USER } = await import('../helpers/emulator.js');
    const { vi } = await import('vitest');
    const db = openDatabase(':memory:');
    const validate = createDtdValidator();
    // Fails every document but the SIMPLE_RETURN the 999 itself is written as.
    const app = createApp({
      config: { ...DEFAULTS, users: [USER] },
      database: db,
      validateXml: (xml) => (xml.includes('<BATCH_RETURN>') ? 'broken on purpose' : undefined),
    });
    const server = createServer(app.callback()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const port = (server.address() as import('node:net').AddressInfo).port;
      const res = await call({ url: `http://127.0.0.1:${port}` }, DOCKER, {
        form: { action: 'create', title: 'x', ips: '10.0.0.1' },
      });
      expect(res.status).toBe(500);
      expect(text(res.root, 'RESPONSE/CODE')).toBe('999');
      expect(validate(res.body)).toBeUndefined();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('broken on purpose'));
      // The answer is rendered and checked before the commit: a 500 changed nothing.
      const list = await call({ url: `http://127.0.0.1:${port}` }, DOCKER, { query: { action: 'list' } });
      expect(find(list.root, 'RESPONSE/AUTH_DOCKER_LIST')).toBeUndefined();
    } finally {
      log.mockRestore();
      server.close();
      db.close();
    }
  });
});
