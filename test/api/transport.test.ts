import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { all, call, expectError, parseXml, startTestEmulator, text, AUTH, type Node } from '../helpers/emulator.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const MAX_BODY = 2048;
const emulator = await startTestEmulator({ maxBody: MAX_BODY });

const titles = async () =>
  all((await call(emulator, UNIX, { query: { action: 'list' } })).root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX').map((r: Node) => text(r, 'TITLE'));

function multipart(fields: [string, string][], file?: { name: string; content: string }): FormData {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  if (file) form.append(file.name, new Blob([file.content], { type: 'application/octet-stream' }), 'upload.bin');
  return form;
}

describe('transport: every body form carries the same parameters', () => {
  it('accepts urlencoded, multipart and query-only POSTs alike, in received order for echo', async () => {
    const fields: [string, string][] = [
      ['action', 'create'],
      ['username', 'u'],
      ['password', 'p'],
      ['echo_request', '1'],
    ];
    const urlencoded = await call(emulator, UNIX, { form: [...fields, ['title', 'form'], ['ips', '10.0.0.1']] });
    const parts = await call(emulator, UNIX, { method: 'POST', body: multipart([...fields, ['title', 'multipart'], ['ips', '10.0.0.2']]) });
    const queryOnly = await call(emulator, UNIX, { method: 'POST', query: [...fields, ['title', 'query'], ['ips', '10.0.0.3']] });
    for (const res of [urlencoded, parts, queryOnly]) {
      expect(res.status, res.body).toBe(200);
      expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');
      const keys = all(res.root, 'REQUEST/PARAM_LIST', 'PARAM').map((p) => text(p, 'KEY'));
      expect(keys).toEqual(['action', 'username', 'password', 'echo_request', 'title', 'ips']);
    }
    expect(await titles()).toEqual(['form', 'multipart', 'query']);
  });

  it('ignores multipart file parts and leaves no temporary file behind', async () => {
    const before = new Set(readdirSync(tmpdir()));
    const res = await call(emulator, UNIX, {
      method: 'POST',
      body: multipart(
        [
          ['action', 'create'],
          ['title', 'with file'],
          ['username', 'u'],
          ['skip_password', '1'],
          ['ips', '10.0.0.4'],
        ],
        { name: 'attachment', content: 'x'.repeat(500) },
      ),
    });
    expect(res.status, res.body).toBe(200);
    // formidable names its temporary files with a cuid2 id: a letter and more lowercase alphanumerics.
    const created = readdirSync(tmpdir()).filter((f) => !before.has(f) && /^[a-z][a-z0-9]{20,31}$/.test(f));
    expect(created).toEqual([]);
  });
});

describe('transport: --max-body', () => {
  it('answers 413 with a SIMPLE_RETURN for an urlencoded or multipart body over the limit, creating nothing', async () => {
    const big = 'x'.repeat(MAX_BODY);
    expectError(
      await call(emulator, UNIX, { form: { action: 'create', title: 'big form', username: 'u', password: 'p', ips: '10.0.1.1', comments: big } }),
      413,
      '1905',
      `Request body exceeds the limit of ${MAX_BODY} bytes`,
    );
    expectError(
      await call(emulator, UNIX, {
        method: 'POST',
        body: multipart([
          ['action', 'create'],
          ['title', 'big parts'],
          ['username', 'u'],
          ['password', 'p'],
          ['ips', '10.0.1.2'],
          ['comments', big],
        ]),
      }),
      413,
      '1905',
      `Request body exceeds the limit of ${MAX_BODY} bytes`,
    );
    expect(await titles()).not.toContain('big form');
    expect(await titles()).not.toContain('big parts');
  });

  it('answers 413 for a chunked multipart body that only turns out too large while read', async () => {
    const boundary = 'qeboundary';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body =
      part('action', 'create') +
      part('title', 'chunked') +
      part('username', 'u') +
      part('password', 'p') +
      part('ips', '10.0.1.3') +
      part('comments', 'y'.repeat(MAX_BODY)) +
      `--${boundary}--\r\n`;
    const { status, text: xml } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${emulator.url}${UNIX}`,
        {
          method: 'POST',
          headers: {
            Authorization: AUTH,
            'X-Requested-With': 'vitest',
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Transfer-Encoding': 'chunked',
          },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (data += d));
          res.on('end', () => resolve({ status: res.statusCode!, text: data }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < body.length; i += 512) req.write(body.slice(i, i + 512));
      req.end();
    });
    expect(status).toBe(413);
    expect(text(parseXml(xml), 'RESPONSE/CODE')).toBe('1905');
    expect(await titles()).not.toContain('chunked');
  });
});
