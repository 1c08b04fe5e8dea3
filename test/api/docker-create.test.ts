import { describe, expect, it } from 'vitest';
import { all, call, DOCKER, find, startTestEmulator, text, USER } from '../helpers/emulator.js';

const emulator = await startTestEmulator();

describe('Docker record create', () => {
  it('answers the seed curl sample like the seed response', async () => {
    const res = await call(emulator, DOCKER, {
      form: [
        ['action', 'create'],
        ['title', 'docker_sample'],
        ['ips', '10.10.30.159'],
        ['docker_deamon_conf_file', '/etc/docker/daemon.json'],
        ['docker_command', '/usr/bin/docker'],
        ['echo_request', '1'],
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE BATCH_RETURN SYSTEM "')).toBe(true);
    expect(res.body).toContain(`SYSTEM "${emulator.url}/api/2.0/batch_return.dtd"`);
    expect(text(res.root, 'REQUEST/USER_LOGIN')).toBe(USER.login);
    expect(text(res.root, 'REQUEST/RESOURCE')).toBe(`${emulator.url}${DOCKER}`);
    expect(all(res.root, 'REQUEST/PARAM_LIST', 'PARAM').map((p) => [text(p, 'KEY'), text(p, 'VALUE')])).toEqual([
      ['action', 'create'],
      ['title', 'docker_sample'],
      ['ips', '10.10.30.159'],
      ['docker_deamon_conf_file', '/etc/docker/daemon.json'],
      ['docker_command', '/usr/bin/docker'],
      ['echo_request', '1'],
    ]);
    const batch = find(res.root, 'RESPONSE/BATCH_LIST/BATCH')!;
    expect(batch.children.map((c) => c.name)).toEqual(['TEXT', 'ID_SET']);
    expect(text(batch, 'TEXT')).toBe('Successfully Created');
    expect(all(batch, 'ID_SET', 'ID')).toHaveLength(1);
    expect(text(res.root, 'RESPONSE/DATETIME')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
