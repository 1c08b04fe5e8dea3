import { describe, expect, it } from 'vitest';
import type { ApiFamily } from '../../src/api-family.js';
import { FAMILIES } from '../../src/families.js';
import { simpleReturn } from '../../src/qualys/envelopes.js';
import { MASK } from '../../src/qualys/secrets.js';
import { all, call, expectError, text } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { serveApp } from '../helpers/app-server.js';

// A family's secrets are masked because the app it is given to says so, not because a module
// was imported: two apps in one process, one serving a family with a secret of its own.
const PATH = '/api/2.0/fo/token_check/';
const tokenFamily: ApiFamily = {
  name: 'token-check',
  callers: 'authenticated',
  secrets: ['future_token'],
  dtds: [],
  docs: [],
  build: () => ({
    endpoints: [
      {
        path: PATH,
        actions: {
          check: {
            methods: ['GET', 'POST'],
            allowed: ['action', 'echo_request', 'future_token'],
            handle(ctx) {
              ctx.params.integer('future_token', 1, 9);
              return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text: 'Checked' })) };
            },
          },
        },
      },
    ],
    offers: {},
  }),
};

const withToken = await serveApp({ families: FAMILIES.with(tokenFamily) });
const without = await serveApp();
const lastParams = async (emulator: { url: string }) => (await admin(emulator, 'GET', 'requests')).json.requests.at(-1)!.params;

describe('a family declaring a secret parameter', () => {
  it('has it masked in the echo, the error TEXT and the journal of the app serving it', async () => {
    const echoed = await call(withToken, PATH, { query: { action: 'check', future_token: '7', echo_request: '1' } });
    expect(echoed.status, echoed.body).toBe(200);
    const params = all(echoed.root, 'REQUEST/PARAM_LIST', 'PARAM').map((p) => [text(p, 'KEY'), text(p, 'VALUE')]);
    expect(params).toContainEqual(['future_token', MASK]);

    const refused = await call(withToken, PATH, { query: { action: 'check', future_token: 'hunter2' } });
    expectError(refused, 400, '1905', `parameter future_token has invalid value: ${MASK} (not an integer from 1 to 9)`);
    expect(await lastParams(withToken)).toEqual({ action: 'check', future_token: MASK });
  });

  it('changes nothing for another app in the same process, which does not serve it', async () => {
    expectError(await call(without, PATH, { query: { action: 'check' } }), 404, undefined, 'Not Found');
    await call(without, '/api/2.0/fo/vault/', { query: { action: 'list', future_token: 'hunter2' } });
    expect(await lastParams(without)).toEqual({ action: 'list', future_token: 'hunter2' });
    // the registry's own secrets are still masked there
    await call(without, '/api/2.0/fo/vault/', { query: { action: 'list', private_key: 'hunter2' } });
    expect(await lastParams(without)).toEqual({ action: 'list', private_key: MASK });
  });
});
