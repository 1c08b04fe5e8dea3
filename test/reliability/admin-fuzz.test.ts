import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTH, call, DOCKER, startTestEmulator, USER } from '../helpers/emulator.js';
import { sendWire, type WireRequest, type WireResponse } from '../helpers/http-request.js';

/**
 * Random JSON and random queries at the `/_emulator/` controls, which the API fuzz leaves out:
 * seeds, fault rules, config patches, journal and dashboard reads. A refused write to faults,
 * config or seed must leave what `GET` shows of it as it was. Fixed seed, as there.
 */
const SEED = 2026_11;
const RUNS = 1500;
const emulator = await startTestEmulator({ maxBody: 64 * 1024 });

const KEYS = [
  'rules',
  'seed',
  'records',
  'vaults',
  'type',
  'title',
  'ips',
  'fields',
  'id',
  'path',
  'action',
  'method',
  'status',
  'code',
  'text',
  'wait_sec',
  'delay_ms',
  'drop',
  'probability',
  'after',
  'times',
  'rate_limit',
  'enforce',
  'limit',
  'window_sec',
  'concurrency',
  'require_x_requested_with',
  'require_host_record',
  'page_size',
  'vault_type',
  'vault_id',
  'state',
  '__proto__',
  'constructor',
  '',
];
const SCALARS = [
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  2 ** 32,
  2 ** 53,
  -(2 ** 53),
  1e308,
  '',
  ' ',
  '1',
  'docker',
  'unix',
  'list',
  'create',
  '1965',
  '1960',
  '10.0.0.1',
  '0.0.0.0/0',
  '10.0.0.1-10.0.0.0',
  'GET',
  'post',
  '/api/2.0/fo/auth/docker/',
  '__proto__',
  '\u0000',
  '\uD800',
  'x'.repeat(2000),
];

/** JSON close to what the controls take: their own keys and awkward values, nested a little. */
const nearJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { arbitrary: fc.constantFrom(...SCALARS), weight: 4 },
    { arbitrary: tie('object'), weight: 2 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 1 },
  ),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
})).value;

/** A field's good values, and now and then an awkward one: the requests that come close. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: fc.constantFrom(...SCALARS), weight: 1 });

/** Rules and seed documents that often pass, so the requests reach what is done with them. */
const rule = fc.record(
  {
    path: mostly(fc.constantFrom(DOCKER, '/api/2.0/fo/auth/unix', '/x')),
    action: mostly(fc.constantFrom('list', 'create')),
    method: mostly(fc.constantFrom('get', 'POST')),
    status: mostly(fc.integer({ min: 200, max: 599 })),
    code: mostly(fc.constantFrom('1965', '1960', '999')),
    text: mostly(fc.string({ unit: 'binary', maxLength: 20 })),
    wait_sec: mostly(fc.integer({ min: 1, max: 5 })),
    delay_ms: mostly(fc.integer({ min: 0, max: 2 })),
    probability: mostly(fc.double({ min: 0, max: 1, noNaN: true })),
    after: mostly(fc.integer({ min: 0, max: 3 })),
    times: mostly(fc.integer({ min: 1, max: 3 })),
  },
  { requiredKeys: ['status'] },
);
/** Small pools, so that seeds clash with what earlier seeds made (1905, 1920) after a good record or two. */
const TITLES = ['a', 'b', 'c', 'd', 'e'];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.1-10.0.0.3', '10.0.1.0/24'];
const seedRecord = fc.oneof(
  fc.record({ type: fc.constant('docker'), title: mostly(fc.constantFrom(...TITLES)), ips: mostly(fc.constantFrom(...IPS)) }),
  fc.record({
    type: fc.constant('unix'),
    title: mostly(fc.constantFrom(...TITLES)),
    ips: mostly(fc.constantFrom(...IPS)),
    username: mostly(fc.constant('u')),
    password: fc.constant('p'),
  }),
);

const json = (value: fc.Arbitrary<unknown>) => value.map((v) => JSON.stringify(v));
const anyBody = fc.oneof(
  { arbitrary: json(nearJson), weight: 4 },
  { arbitrary: json(fc.jsonValue()), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 1 },
);
/** Mostly the body a control takes, now and then anything, now and then none. */
const bodyFor = (own: fc.Arbitrary<unknown>) =>
  fc.option(fc.oneof({ arbitrary: json(own), weight: 4 }, { arbitrary: anyBody, weight: 1 }), { nil: undefined, freq: 8 });
const someBody = fc.option(anyBody, { nil: undefined, freq: 2 });

const faultSet = fc.record({ seed: mostly(fc.nat({ max: 2 ** 32 - 1 })), rules: fc.array(rule, { maxLength: 4 }) }, { requiredKeys: ['rules'] });
const faultsAdded = fc.oneof({ arbitrary: fc.record({ rules: fc.array(rule, { maxLength: 4 }) }), weight: 5 }, { arbitrary: faultSet, weight: 1 });
const seedDocument = fc.record({ records: fc.array(seedRecord, { maxLength: 4 }) });
const configPatch = fc.record(
  {
    rate_limit: fc.record({ enforce: mostly(fc.boolean()), limit: mostly(fc.integer({ min: 1, max: 500 })) }, { requiredKeys: [] }),
    page_size: mostly(fc.integer({ min: 1, max: 5000 })),
    require_host_record: mostly(fc.boolean()),
  },
  { requiredKeys: [] },
);

const accountBody = fc.record(
  { state: fc.oneof(fc.constantFrom('active', 'expired', 'locked', 'not_activated', 'password_change'), fc.constantFrom(...SCALARS)) },
  { requiredKeys: [] },
);

const query = fc
  .array(
    fc.tuple(
      fc.constantFrom('path', 'action', 'status', 'since', 'after', 'limit', 'ids', 'title', 'page', 'x', ''),
      fc.oneof(fc.constantFrom(...SCALARS.map(String)), fc.string({ maxLength: 12 })),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

const idSegment = fc.oneof(fc.constantFrom('1', '2', '0', '-1', '1e3', '%zz', 'abc', '9007199254740993'), fc.nat({ max: 40 }).map(String));

/** Each control with the bodies it is sent: `ID` and `TYPE` in a path are drawn. */
const TARGETS: [method: string, path: string, body: fc.Arbitrary<string | undefined>][] = [
  ['PUT', 'faults', bodyFor(faultSet)],
  ['POST', 'faults', bodyFor(faultsAdded)],
  ['DELETE', 'faults', someBody],
  ['DELETE', 'faults/ID', someBody],
  ['GET', 'faults', someBody],
  ['POST', 'seed', bodyFor(seedDocument)],
  ['PATCH', 'config', bodyFor(configPatch)],
  ['PUT', 'config', someBody],
  ['GET', 'config', someBody],
  ['GET', 'requests', someBody],
  ['GET', 'records', someBody],
  ['GET', 'records/TYPE', someBody],
  ['GET', 'records/TYPE/ID/xml', someBody],
  ['GET', 'vaults', someBody],
  ['GET', 'rate-limits', someBody],
  ['GET', 'tool-runs', someBody],
  ['POST', 'reset', bodyFor(fc.constant({}))],
  ['GET', 'accounts', someBody],
  ['PUT', 'accounts/LOGIN', bodyFor(accountBody)],
];

const controlRequest: fc.Arbitrary<WireRequest> = fc.oneof(
  ...TARGETS.map(([method, path, body]) =>
    fc
      .record({
        body,
        id: idSegment,
        type: fc.constantFrom('docker', 'unix', 'nope', '%', '__proto__'),
        login: fc.constantFrom(USER.login, USER.login, 'nobody', '%zz', '__proto__', 'constructor'),
        query,
        contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/json; charset=utf-16'),
      })
      .map(({ body: b, id, type, login, query: q, contentType }): WireRequest => {
        const headers: Record<string, string> = { Authorization: AUTH, 'X-Requested-With': 'fuzz' };
        if (b !== undefined) headers['Content-Type'] = contentType;
        const where = path.replace('ID', id).replace('TYPE', type).replace('LOGIN', login);
        return { method, path: `/_emulator/${where}${q ? `?${q}` : ''}`, headers, body: b === undefined ? undefined : Buffer.from(b) };
      }),
  ),
);

/** Every control answers JSON that parses, or redirects, never a 5xx. */
function expectJson(req: WireRequest, res: WireResponse): void {
  const where = `${req.method} ${req.path} ${req.body?.toString().slice(0, 300) ?? ''} -> ${res.status}\n${res.body.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  expect(String(res.headers['content-type']), where).toMatch(/^application\/json/);
  expect(() => JSON.parse(res.body), where).not.toThrow();
}

/** The state a refused write to a control must leave as it was: what `GET` of it shows. */
const STATE_OF: Record<string, string[]> = {
  faults: ['faults'],
  config: ['config'],
  seed: ['records', 'vaults'],
  reset: ['records', 'vaults', 'faults', 'requests', 'accounts'],
  accounts: ['accounts'],
};
const stateOf = async (req: WireRequest) => {
  const controls = req.method === 'GET' ? undefined : STATE_OF[req.path.split(/[/?]/)[2]];
  if (controls === undefined) return undefined;
  const shown = [];
  for (const c of controls)
    shown.push((await sendWire(emulator.url, { method: 'GET', path: `/_emulator/${c}`, headers: { Authorization: AUTH, 'X-Requested-With': 'fuzz' } })).body);
  return shown;
};

const START_CONFIG = JSON.parse((await sendWire(emulator.url, { method: 'GET', path: '/_emulator/config', headers: { Authorization: AUTH } })).body);

describe('fuzz: the emulator controls', () => {
  it(`answers ${RUNS} random control requests with JSON, never a 5xx, a refusal changing nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(controlRequest, async (req) => {
        const before = await stateOf(req);
        const res = await sendWire(emulator.url, req);
        expectJson(req, res);
        if (before !== undefined && res.status >= 400) expect(await stateOf(req), `${req.method} ${req.path} -> ${res.status}`).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // the settings the fuzz left (a reset keeps them) back to the start, then the API works
    await emulator.reset();
    const restored = await sendWire(emulator.url, {
      method: 'PATCH',
      path: '/_emulator/config',
      headers: { Authorization: AUTH, 'X-Requested-With': 'fuzz', 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify(START_CONFIG)),
    });
    expect(restored.status).toBe(200);
    const created = await call(emulator, DOCKER, { form: { action: 'create', title: 'after the fuzz', ips: '10.9.9.9' } });
    expect(created.status).toBe(200);
  });
});
