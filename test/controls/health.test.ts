import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator } from '../helpers/emulator.js';
import { FAKES } from '../tools/helpers.js';
import { healthRoutes } from '../../src/controls/health.js';
import { openDatabase } from '../../src/db/open.js';

const version = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;
const emulator = await startTestEmulator({ kubeBenchBin: join(FAKES, 'kube-bench'), dockerBenchBin: join(FAKES, 'no-such-script') });

async function health() {
  const res = await fetch(`${emulator.url}/health`);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, json: await res.json() };
}

describe('GET /health', () => {
  it('answers without credentials: status, version, uptime, database, tools found or not', async () => {
    const { status, json } = await health();
    expect(status).toBe(200);
    expect(json).toEqual({
      status: 'ok',
      version,
      uptime: expect.any(Number),
      database: { reachable: true, problems: [] },
      tools: {
        // only whether each is found (and kube-bench its cfg/): a stranger learns no path of the host
        'kube-bench': { found: true, config: true },
        'docker-bench-security': { found: false },
      },
    });
    expect(json.uptime).toBeGreaterThanOrEqual(0);
  });

  it('answers 503 with status error when the database does not answer', async () => {
    // A closed database under a running server cannot be reached over HTTP, so drive the route directly.
    const db = openDatabase(':memory:');
    db.close();
    const layer = healthRoutes(emulator.config, db.connection, db.condition, []).stack.find((l) => l.path === '/health')!;
    const ctx = { status: 0, body: undefined as unknown, type: '' };
    await layer.stack[0](ctx as never, async () => {});
    expect(ctx.status).toBe(503);
    expect(ctx.body).toMatchObject({ status: 'error', database: { reachable: false } });
  });
});
