import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTH, DOCKER, startTestEmulator } from '../helpers/emulator.js';
import { throwAwayCert } from '../helpers/tls-cert.js';

const tls = await throwAwayCert();
const emulator = await startTestEmulator({ tlsCert: tls.cert, tlsKey: tls.key });
afterAll(() => tls.remove());

const ROUNDS = 100;

/**
 * The client runs in a process of its own: in this one, the server would always see its answer
 * written before the client could read it. It sends a form's headers and body as two TLS records,
 * as Python's requests does, each request as soon as the answer before it is read, and prints the
 * status of each answer (0 when the connection closed instead).
 */
const CLIENT = `
const { connect } = require('node:tls');
const [port, ca, auth, path, rounds] = process.argv.slice(1);
const body = 'action=list';
const head = 'POST ' + path + ' HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nAuthorization: ' + auth +
  '\\r\\nX-Requested-With: vitest\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\nContent-Length: ' + body.length + '\\r\\n\\r\\n';
const socket = connect({ host: '127.0.0.1', port: Number(port), ca });
socket.setNoDelay(true);
const statuses = [];
let data = '';
const send = () => { socket.write(head); socket.write(body); };
socket.on('secureConnect', send);
socket.on('data', (d) => {
  data += d.toString('latin1');
  const end = data.indexOf('\\r\\n\\r\\n');
  const length = /\\r\\ncontent-length: (\\d+)/i.exec(data.slice(0, end));
  if (end < 0 || !length || data.length < end + 4 + Number(length[1])) return;
  statuses.push(Number(data.slice(9, 12)));
  data = data.slice(end + 4 + Number(length[1]));
  if (statuses.length < Number(rounds)) send(); else socket.end();
});
socket.on('error', () => {});
socket.on('close', () => console.log(JSON.stringify(statuses.concat(statuses.length < Number(rounds) ? [0] : []))));
`;

describe('a keep-alive client over TLS', () => {
  it('gets every answer when each request follows the last answer at once, its body in a record of its own', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', CLIENT, String(emulator.port), tls.ca.toString(), AUTH, DOCKER, String(ROUNDS)]);
    expect(JSON.parse(stdout)).toEqual(Array(ROUNDS).fill(200));
  });
});
