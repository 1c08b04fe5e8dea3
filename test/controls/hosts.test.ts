import { describe, expect, it } from 'vitest';
import { startEmulator, StartupError } from '../../src/index.js';
import { all, AUTH, call, expectError, parseXml, startTestEmulator, text, USER } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { openRaw } from '../helpers/raw-http.js';

const emulator = await startTestEmulator();
const DETECTIONS = '/api/5.0/fo/asset/host/vm/detection/';
const get = (url: string) => fetch(url, { headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' } });

describe('hosts under the harness controls', () => {
  it('generates through the admin API, and a 409 1965 halfway through paging leaves the page to retry', async () => {
    const made = await admin(emulator, 'POST', 'hosts/generate', { seed: 3, count: 40 });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ hosts: 40, first_id: 1, last_id: 40 });
    expect((made.json as unknown as { kb_entries_added: number }).kb_entries_added).toBeGreaterThan(0);
    const first = parseXml(
      await (await get(`${emulator.url}${DETECTIONS}?action=list&truncation_limit=10&show_igs=1&status=New,Active,Fixed,Re-Opened`)).text(),
    );
    const next = text(first, 'RESPONSE/WARNING/URL')!;
    await emulator.faults.add([{ path: DETECTIONS, code: '1965', times: 1 }]);
    const limited = await call(emulator, next.slice(emulator.url.length).split('?')[0], { query: [...new URL(next).searchParams] });
    expectError(limited, 409, '1965', /^This API cannot be run again/);
    const retried = parseXml(await (await get(next)).text());
    expect(text(retried, 'RESPONSE/HOST_LIST/HOST/ID')).toBe(new URL(next).searchParams.get('id_min'));
  });

  it('makes a KnowledgeBase entry for each QID a generated detection names', async () => {
    const page = parseXml(await (await get(`${emulator.url}${DETECTIONS}?action=list&ids=1-3&show_igs=1&status=New,Active,Fixed,Re-Opened`)).text());
    const qids = [
      ...new Set(
        page.children[0].children
          .flatMap((c) => (c.name === 'HOST_LIST' ? c.children : []))
          .flatMap((h) => h.children.find((c) => c.name === 'DETECTION_LIST')!.children.map((d) => text(d, 'QID')!)),
      ),
    ];
    expect(qids.length).toBeGreaterThan(0);
    const kb = await call(emulator, '/api/2.0/fo/knowledge_base/vuln/', { query: { action: 'list', ids: qids.join(',') } });
    expect(kb.status, kb.body).toBe(200);
    expect(
      kb.root.children
        .find((c) => c.name === 'RESPONSE')!
        .children.find((c) => c.name === 'VULN_LIST')!
        .children.map((v) => text(v, 'QID')),
    ).toEqual([...qids].sort((a, b) => Number(a) - Number(b)));
  });

  it('journals the calls, streamed answers without their body', async () => {
    const entries = await emulator.requests({ path: DETECTIONS });
    expect(entries.map((e) => e.status)).toEqual([200, 409, 200, 200]);
    expect(entries[0].body).toBeNull();
  });

  it("shows hosts and a host's detections on the dashboard, filtered", async () => {
    const read = await admin(emulator, 'GET', 'hosts?ips=10.0.0.2-10.0.0.3');
    expect(read.status).toBe(200);
    const answer = read.json as unknown as { hosts: { id: number; ip: string }[]; held: { hosts: number } };
    expect(answer.hosts.map((h) => h.ip)).toEqual(['10.0.0.2', '10.0.0.3']);
    expect(answer.held.hosts).toBe(40);
    const detections = await admin(emulator, 'GET', 'hosts/2/detections');
    expect(detections.status).toBe(200);
    expect(await admin(emulator, 'GET', 'hosts?os_pattern=(')).toMatchObject({ status: 400 });
    expect(await admin(emulator, 'GET', 'hosts/999/detections')).toMatchObject({ status: 404 });
  });

  it('generates through the handle, refusing what the admin API refuses', async () => {
    await expect(emulator.generateHosts({ seed: 1, count: 300_000 })).rejects.toThrow(/count must be an integer/);
  });

  it('counts a streamed answer as running until its client has taken it or gone', async () => {
    // through the admin API, not the handle: the handle would hold the event loop while fetch's
    // kept-alive connection times out, and the next call could take it as the server closes it
    expect((await admin(emulator, 'POST', 'hosts/generate', { seed: 5, count: 1000 })).status).toBe(200);
    await admin(emulator, 'PATCH', 'config', { rate_limit: { enforce: true, concurrency: 1 } });
    try {
      const raw = await openRaw(emulator.url);
      const { host } = new URL(emulator.url);
      await raw.write(
        `GET ${DETECTIONS}?action=list&truncation_limit=0&show_igs=1 HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${AUTH}\r\nX-Requested-With: vitest\r\n\r\n`,
      );
      // the answer has begun: stop reading it, so the server waits on the socket
      await new Promise<void>((resolve) => raw.socket.once('data', () => resolve()));
      raw.socket.pause();
      expectError(
        await call(emulator, DETECTIONS, { query: { action: 'list', ids: '1' } }),
        409,
        '1960',
        /^This API cannot be run again until 1 currently running API instance has finished/,
      );
      raw.socket.destroy();
      await raw.closed;
      // the server learns of the close on its next turn
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await call(emulator, DETECTIONS, { query: { action: 'list', ids: '1' } })).status).toBe(200);
    } finally {
      await admin(emulator, 'PATCH', 'config', { rate_limit: { enforce: false } });
    }
  });

  it('answers other calls while a generation runs, and a reset stops it', async () => {
    const other = await startTestEmulator();
    try {
      const idsListed = async () => {
        const listed = await call(other, '/api/2.0/fo/asset/host/', { query: { action: 'list', details: 'None', truncation_limit: '0' } });
        expect(listed.status).toBe(200);
        return listed.root.children[0].children.some((c) => c.name === 'ID_SET');
      };
      let answered = false;
      const running = admin(other, 'POST', 'hosts/generate', { seed: 9, count: 4000 }).then((res) => {
        answered = true;
        return res;
      });
      while (!(await idsListed())) expect(answered).toBe(false);
      // some hosts are listed and the generation has not answered: the server was not held
      expect(answered).toBe(false);
      expect((await admin(other, 'POST', 'reset', {})).status).toBe(200);
      const stopped = await running;
      expect(stopped.status).toBe(409);
      expect((stopped.json as { error: string }).error).toMatch(/^the emulator was reset while generating: stopped after \d+ hosts$/);
      expect(await idsListed()).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('generates at start-up (--generate-hosts), and pages under --public-url, in XML and in CSV', async () => {
    const publicUrl = 'https://qualys.example.test:8443';
    const started = await startEmulator({ users: [USER], generateHosts: '5:30', publicUrl });
    try {
      const hosts = await call(started, '/api/2.0/fo/asset/host/', { query: { action: 'list', truncation_limit: '10' } });
      expect(all(hosts.root, 'RESPONSE/HOST_LIST', 'HOST').map((h) => text(h, 'ID'))).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));
      expect(text(hosts.root, 'RESPONSE/WARNING/URL')).toBe(`${publicUrl}/api/2.0/fo/asset/host/?action=list&truncation_limit=10&id_min=11`);
      const csv = await (await get(`${started.url}${DETECTIONS}?action=list&output_format=CSV&truncation_limit=10`)).text();
      const next = csv.match(/"Truncated","(\d+)","([^"]+)"/);
      expect(next?.[2]).toBe(`${publicUrl}${DETECTIONS}?action=list&output_format=CSV&truncation_limit=10&id_min=${next?.[1]}`);
    } finally {
      await started.close();
    }
    const refused = startEmulator({ users: [USER], generateHosts: '5' });
    await expect(refused).rejects.toThrow(StartupError);
    await expect(refused).rejects.toThrow('--generate-hosts 5: give SEED:COUNT, e.g. 42:10000');
  });
});
