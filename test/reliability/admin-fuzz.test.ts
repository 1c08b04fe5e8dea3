import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTH, call, DOCKER, startTestEmulator } from '../helpers/emulator.js';
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
  'rules', 'seed', 'records', 'vaults', 'type', 'title', 'ips', 'fields', 'id', 'path', 'action', 'method', 'status', 'code', 'text',
  'wait_sec', 'delay_ms', 'drop', 'probability', 'times', 'rate_limit', 'enforce', 'limit', 'window_sec', 'concurrency',
  'require_x_requested_with', 'require_host_record', 'page_size', 'vault_type', 'vault_id', '__proto__', 'constructor', '',
];
const SCALARS = [
  null, true, false, 0, -1, 1, 1.5, 2 ** 32, 2 ** 53, -(2 ** 53), 1e308, '', ' ', '1', 'docker', 'unix', 'list', 'create', '1965', '1960',
  '10.0.0.1', '0.0.0.0/0', '10.0.0.1-10.0.0.0', 'GET', 'post', '/api/2.0/fo/auth/docker/', '__proto__', '\u0000', '\uD800', 'x'.repeat(2000),
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
    times: mostly(fc.integer({ min: 1, max: 3 })),
  },
  { requiredKeys: ['status'] },
);
const seedRecord = fc.record(
  {
    type: mostly(fc.constantFrom('docker', 'unix')),
    title: mostly(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 })),
    ips: mostly(fc.ipV4()),
    username: fc.constant('u'),
  },
  { requiredKeys: ['type', 'title', 'ips'] },
);
const plausible = fc.oneof(
  fc.record({ seed: mostly(fc.nat({ max: 2 ** 32 - 1 })), rules: fc.array(rule, { maxLength: 3 }) }, { requiredKeys: ['rules'] }),
  fc.record({ records: fc.array(seedRecord, { maxLength: 3 }) }),
  fc.record({ rate_limit: fc.record({ enforce: mostly(fc.boolean()), limit: mostly(fc.integer({ min: 1, max: 500 })) }, { requiredKeys: [] }), page_size: mostly(fc.integer({ min: 1, max: 5000 })) }, { requiredKeys: [] }),
);

const body = fc.oneof(
  { arbitrary: nearJson.map((v) => JSON.stringify(v)), weight: 4 },
  { arbitrary: plausible.map((v) => JSON.stringify(v)), weight: 3 },
  { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 1 },
);

const query = fc
  .array(fc.tuple(fc.constantFrom('path', 'action', 'status', 'since', 'after', 'limit', 'ids', 'title', 'page', 'x', ''), fc.oneof(fc.constantFrom(...SCALARS.map(String)), fc.string({ maxLength: 12 }))), { maxLength: 4 })
  .map((pairs) => new URLSearchParams(pairs).toString());

const idSegment = fc.oneof(fc.constantFrom('1', '2', '0', '-1', '1e3', '%zz', 'abc', '9007199254740993'), fc.nat().map(String));

const controlRequest: fc.Arbitrary<WireRequest> = fc
  .record({
    target: fc.constantFrom(
      ['PUT', 'faults'], ['POST', 'faults'], ['DELETE', 'faults'], ['DELETE', 'faults/ID'], ['GET', 'faults'],
      ['POST', 'seed'], ['PATCH', 'config'], ['GET', 'config'], ['GET', 'requests'], ['GET', 'records'], ['GET', 'records/TYPE'],
      ['GET', 'records/TYPE/ID/xml'], ['GET', 'vaults'], ['GET', 'rate-limits'], ['GET', 'tool-runs'], ['POST', 'reset'], ['PUT', 'config'],
    ),
    id: idSegment,
    type: fc.constantFrom('docker', 'unix', 'nope', '%', '__proto__'),
    query,
    body: fc.option(body, { nil: undefined, freq: 5 }),
    contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/json; charset=utf-16'),
  })
  .map(({ target: [method, path], id, type, query: q, body: b, contentType }) => {
    const headers: Record<string, string> = { Authorization: AUTH, 'X-Requested-With': 'fuzz' };
    if (b !== undefined) headers['Content-Type'] = contentType;
    const where = path.replace('ID', id).replace('TYPE', type);
    return { method, path: `/_emulator/${where}${q ? `?${q}` : ''}`, headers, body: b === undefined ? undefined : Buffer.from(b) };
  });

/** Every control answers JSON that parses, or redirects, never a 5xx. */
function expectJson(req: WireRequest, res: WireResponse): void {
  const where = `${req.method} ${req.path} ${req.body?.toString().slice(0, 300) ?? ''} -> ${res.status}\n${res.body.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  expect(String(res.headers['content-type']), where).toMatch(/^application\/json/);
  expect(() => JSON.parse(res.body), where).not.toThrow();
}

/** The state a refused write to a control must leave as it was: what `GET` of it shows. */
const STATE_OF: Record<string, string> = { faults: '/_emulator/faults', config: '/_emulator/config', seed: '/_emulator/records' };
const stateOf = async (req: WireRequest) => {
  const control = req.method === 'GET' ? undefined : STATE_OF[req.path.split(/[/?]/)[2]];
  return control === undefined ? undefined : (await sendWire(emulator.url, { method: 'GET', path: control, headers: { Authorization: AUTH, 'X-Requested-With': 'fuzz' } })).body;
};

describe('fuzz: the emulator controls', () => {
  it(`answers ${RUNS} random control requests with JSON, never a 5xx, a refusal changing nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(controlRequest, async (req) => {
        const before = await stateOf(req);
        const res = await sendWire(emulator.url, req);
        expectJson(req, res);
        if (before !== undefined && res.status >= 400) expect(await stateOf(req), `${req.method} ${req.path} -> ${res.status}`).toBe(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await emulator.reset();
    const created = await call(emulator, DOCKER, { form: { action: 'create', title: 'after the fuzz', ips: '10.9.9.9' } });
    expect(created.status).toBe(200);
  });
});
