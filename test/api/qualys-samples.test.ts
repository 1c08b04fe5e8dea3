import { describe, expect, it } from 'vitest';
import { call, startTestEmulator, text, type Node } from '../helpers/emulator.js';

// Qualys's own Windows samples (QualysAPI/Qualys-API-Doc-Center, "Windows Authentication API
// samples", April 2018): the requests' parameters, with the tests' own values, and the answers'
// structure (docs/fidelity.md §15).
const WINDOWS = '/api/2.0/fo/auth/windows/';
const emulator = await startTestEmulator();

/** BATCH_RETURN/RESPONSE/(DATETIME, BATCH_LIST/BATCH/(TEXT, ID_SET/ID)), the samples' answer. */
const batchOf = (root: Node) => {
  const response = root.children.find((c) => c.name === 'RESPONSE')!;
  expect(response.children.map((c) => c.name)).toEqual(['DATETIME', 'BATCH_LIST']);
  const [batch] = response.children[1].children;
  expect(batch.children.map((c) => c.name)).toEqual(['TEXT', 'ID_SET']);
  return { text: text(batch, 'TEXT'), ids: batch.children[1].children.map((c) => `${c.name}:${c.text}`) };
};

describe("Qualys's Windows samples", () => {
  it('update (sample 3): title, username, password, comments, add_ips, remove_ips and ntlmv2 in one call', async () => {
    const created = await call(emulator, WINDOWS, { form: { action: 'create', title: 'win', username: 'User', password: 'Pass', ips: '10.10.10.200' } });
    const id = text(created.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
    const res = await call(emulator, WINDOWS, {
      form: {
        action: 'update',
        ids: id,
        title: 'win_updated',
        username: 'UserUpdated',
        password: 'PassUpdated',
        comments: 'Updated through API v2.0',
        echo_request: '1',
        add_ips: '10.10.10.202',
        remove_ips: '10.10.10.200',
        ntlmv2: '0',
      },
    });
    expect(res.status, res.body).toBe(200);
    expect(res.root.name).toBe('BATCH_RETURN');
    // [E] the sample's answer shows no REQUEST although it asks echo_request=1 (samples are trimmed): the emulator echoes
    expect(res.root.children.map((c) => c.name)).toEqual(['REQUEST', 'RESPONSE']);
    expect(batchOf(res.root)).toEqual({ text: 'Successfully Updated', ids: [`ID:${id}`] });
    const listed = await call(emulator, WINDOWS, { query: { action: 'list', ids: id } });
    expect(text(listed.root, 'RESPONSE/AUTH_WINDOWS_LIST/AUTH_WINDOWS/IP_SET/IP')).toBe('10.10.10.202');
    expect(text(listed.root, 'RESPONSE/AUTH_WINDOWS_LIST/AUTH_WINDOWS/NTLMV2')).toBe('0');
  });

  it('delete (sample 4): the deleted ID in the one BATCH', async () => {
    const created = await call(emulator, WINDOWS, { form: { action: 'create', title: 'win-del', username: 'User', password: 'Pass', ips: '10.10.11.1' } });
    const id = text(created.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
    const res = await call(emulator, WINDOWS, { form: { action: 'delete', ids: id } });
    expect(res.root.children.map((c) => c.name)).toEqual(['RESPONSE']);
    expect(batchOf(res.root)).toEqual({ text: 'Successfully Deleted', ids: [`ID:${id}`] });
  });
});
