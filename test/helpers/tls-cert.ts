import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface ThrowAwayCert {
  cert: string;
  key: string;
  /** The certificate's PEM, to trust it alone. */
  ca: Buffer;
  remove(): void;
}

/** A throw-away self-signed certificate for 127.0.0.1, made with openssl, valid for a day. */
export async function throwAwayCert(): Promise<ThrowAwayCert> {
  const dir = mkdtempSync(join(tmpdir(), 'qe-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  // biome-ignore format: the arguments read as openssl is called
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ]);
  return { cert, key, ca: readFileSync(cert), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
