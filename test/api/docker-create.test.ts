import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, DOCKER, parseXml, startTestEmulator, USER, type Node } from '../helpers/emulator.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

const emulator = await startTestEmulator();

/** The sample answer of Qualys's Docker record documentation, as Qualys printed it. */
const SEED_RESPONSE = readFileSync(join(PACKAGE_ROOT, 'test/fixtures/seed-docker-create-response.xml'), 'utf8');
/** That page's curl sample: `curl -d "..."` sends this body as application/x-www-form-urlencoded. */
const SEED_BODY =
  'action=create&title=docker_sample&ips=10.10.30.159&docker_deamon_conf_file=/etc/docker/daemon.json&docker_command=/usr/bin/docker&echo_request=1';

/**
 * Values that differ by nature between the seed's run and ours: times, the caller, the host and
 * the new ID. Each is replaced by its shape so everything else must match to the letter.
 */
function normalise(node: Node, seedHost: RegExp): unknown {
  let text = node.text;
  if (node.name === 'DATETIME') text = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(text) ? '<datetime>' : text;
  if (node.name === 'USER_LOGIN') text = '<user>';
  if (node.name === 'RESOURCE') text = text.replace(seedHost, '<base>');
  if (node.name === 'ID') text = /^[1-9]\d*$/.test(text) ? '<id>' : text;
  return { name: node.name, text, children: node.children.map((c) => normalise(c, seedHost)) };
}

describe('Docker record create', () => {
  it('answers the seed curl sample, sent exactly as written, element by element like the seed response', async () => {
    const res = await call(emulator, DOCKER, {
      method: 'POST',
      body: SEED_BODY,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      xrw: 'curl demo',
    });
    expect(res.status).toBe(200);
    expect(res.body.startsWith(`<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE BATCH_RETURN SYSTEM "${emulator.url}/api/2.0/batch_return.dtd">\n`)).toBe(
      true,
    );
    const seed = parseXml(SEED_RESPONSE);
    expect(normalise(res.root, new RegExp(`^${emulator.url}`))).toEqual(normalise(seed, /^https:\/\/qualysapi\.qualys\.com/));
    expect(res.body).toContain(`<USER_LOGIN>${USER.login}</USER_LOGIN>`);
  });
});
