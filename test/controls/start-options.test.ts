import { describe, expect, it } from 'vitest';
import { startEmulator, StartupError } from '../../src/index.js';
import { DEFAULT_USER } from '../../src/settings/config.js';

/** The programmatic start: the same rules as the program's flags, refused before anything opens. */
describe('startEmulator options', () => {
  it('keep requireUnixForDocker as a name of requireHostRecord', async () => {
    const emulator = await startEmulator({ requireUnixForDocker: true });
    try {
      expect(emulator.config.requireHostRecord).toBe(true);
    } finally {
      await emulator.close();
    }
  });

  it('refuse a non-loopback address with the default credential', async () => {
    await expect(startEmulator({ host: '0.0.0.0', users: [DEFAULT_USER] })).rejects.toThrow(StartupError);
  });

  it('are held to the same rules as flags and variables, refused before anything opens', async () => {
    const bad: [object, RegExp][] = [
      [{ users: [] }, /^users must name at least one/],
      [{ users: [{ login: 'a', password: '' }] }, /^users must be non-empty logins/],
      [{ users: [{ login: 'a:b', password: 'c' }] }, /^users must be non-empty logins/],
      [{ rateLimit: { calls: 0, windowSec: 0 } }, /^rateLimit\.calls must be a whole number from 1/],
      [{ rateLimit: { calls: 3, windowSec: 0.5 } }, /^rateLimit\.windowSec must be a whole number from 1/],
      [{ pageSize: 0 }, /^pageSize must be a whole number from 1 to 1000000, got 0$/],
      [{ toolTimeout: -5 }, /^toolTimeout must be a number of seconds above 0/],
      [{ port: 70000 }, /^port must be/],
      [{ maxBody: Number.NaN }, /^maxBody must be/],
      [{ networks: [0] }, /^networks must be network IDs/],
      [{ allowedHosts: ['ci.example:80'] }, /^allowedHosts must be host names or addresses without a port/],
      [{ allowedHosts: 'ci.example' }, /^allowedHosts must be/],
      [{ tlsCert: 'cert.pem' }, /^--tls-cert and --tls-key must be given together$/],
    ];
    for (const [options, message] of bad) {
      const attempt = startEmulator({ users: [{ login: 'u', password: 'p' }], ...options });
      await expect(attempt, JSON.stringify(options)).rejects.toThrow(StartupError);
      await expect(attempt).rejects.toThrow(message);
    }
  });

  it('accept fractional tool seconds and the documented defaults', async () => {
    const emulator = await startEmulator({ users: [{ login: 'u', password: 'p' }], toolTimeout: 0.5, toolKillGrace: 0.1 });
    await emulator.close();
  });
});
