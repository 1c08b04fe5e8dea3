import { describe, expect, it } from 'vitest';
import { all, call, DOCKER, expectError, startTestEmulator, text, type XmlResponse } from '../helpers/emulator.js';

const emulator = await startTestEmulator();
const PARALLEL = 40;

const create = (title: string, ips: string) => call(emulator, DOCKER, { form: { action: 'create', title, ips } });

/** The one 200 among `answers`, after checking every other one is a refusal. */
function onlyWinner(answers: XmlResponse[], refusal: (res: XmlResponse) => void): XmlResponse {
  const winners = answers.filter((r) => r.status === 200);
  expect(winners, answers.map((r) => r.status).join(',')).toHaveLength(1);
  for (const loser of answers.filter((r) => r.status !== 200)) refusal(loser);
  return winners[0];
}

async function listed(query: Record<string, string>): Promise<string[]> {
  const res = await call(emulator, DOCKER, { query: { action: 'list', ...query } });
  return all(res.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => `${text(r, 'ID')} ${text(r, 'TITLE')}`);
}

describe('races between parallel creates', () => {
  it('lets exactly one of many parallel creates with one title win', async () => {
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => create('contested', `10.20.0.${i + 1}`)));
    const winner = onlyWinner(answers, (r) => expectError(r, 400, '1905', /^parameter title has invalid value: contested \(already used by record \d+\)$/));
    const id = text(winner.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID');
    expect(await listed({ title: 'contested' })).toEqual([`${id} contested`]);
  });

  it('lets exactly one of many parallel creates with overlapping IPs win', async () => {
    // Every range holds 10.30.0.50; no two are the same.
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => create(`overlap-${i}`, `10.30.0.${50 - i}-10.30.0.${50 + i}`)));
    const winner = onlyWinner(answers, (r) =>
      expectError(r, 409, '1920', /^IPs are used by other records of this type\nIPs: 10\.30\.0\.\d+(-10\.30\.0\.\d+)? is used by overlap-\d+$/),
    );
    const id = text(winner.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID');
    const titles = await listed({ title: 'overlap-' });
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatch(new RegExp(`^${id} overlap-\\d+$`));
  });
});
