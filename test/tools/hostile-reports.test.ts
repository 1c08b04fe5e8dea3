import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_MAX_DEPTH } from '../../src/tools/report.js';
import { AUTH, USER } from '../helpers/emulator.js';
import { listening, runProgram, type Program } from '../helpers/program.js';
import { FAKES } from './helpers.js';

// The real program, so that a report that blocked the event loop fails this test instead of freezing it.
const scratch = mkdtempSync(join(tmpdir(), 'qe-hostile-'));
const kindFile = join(scratch, 'kind');
let program: Program;
let url: string;

beforeAll(async () => {
  program = runProgram(
    [
      '--port',
      '0',
      '--db',
      ':memory:',
      '--user',
      `${USER.login}:${USER.password}`,
      '--kube-bench-bin',
      join(FAKES, 'hostile-report'),
      '--tool-output-dir',
      join(scratch, 'out'),
    ],
    { FAKE_REPORT_KIND_FILE: kindFile },
  );
  url = await listening(program);
});
afterAll(async () => {
  program.child.kill('SIGTERM');
  // a program frozen by a report never handles the SIGTERM
  const stop = setTimeout(() => program.child.kill('SIGKILL'), 5000);
  await program.exited;
  clearTimeout(stop);
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the fake leaving a report of `kind`; the answer must come within a few seconds, as JSON. */
async function runLeaving(kind: string): Promise<{ status: number; json: Record<string, unknown> }> {
  writeFileSync(kindFile, kind);
  const res = await fetch(`${url}/api/tools/kube-bench`, {
    method: 'POST',
    headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  expect(res.headers.get('content-type'), text.slice(0, 200)).toMatch(/^application\/json/);
  return { status: res.status, json: JSON.parse(text) };
}

async function journaled(): Promise<{ status: number }[]> {
  const res = await fetch(`${url}/_emulator/requests?path=/api/tools/kube-bench`, { headers: { Authorization: AUTH } });
  return ((await res.json()) as { requests: { status: number }[] }).requests;
}

describe('a tool that leaves a hostile report', () => {
  it(`nested 100,000 deep: answered as JSON, the report refused past ${REPORT_MAX_DEPTH} levels, and the run journaled`, async () => {
    const before = (await journaled()).length;
    const { status, json } = await runLeaving('deep');
    expect(status).toBe(200);
    expect(json).toMatchObject({ success: true, report: null, summary: null });
    expect(json.report_error).toMatch(new RegExp(`^the report nests arrays and objects more than ${REPORT_MAX_DEPTH} deep; read it from /`));
    const entries = await journaled();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)!.status).toBe(200);
  });

  it('a FIFO: answered at once, not read, and the server goes on serving', async () => {
    const { status, json } = await runLeaving('fifo');
    expect(status).toBe(200);
    expect(json).toMatchObject({ report: null, report_error: expect.stringMatching(/ is not a regular file$/) });
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('larger than it parses: not read', async () => {
    const { json } = await runLeaving('big');
    expect(json).toMatchObject({ report: null, report_error: expect.stringMatching(/^the report is larger than 33554432 bytes/) });
  });
});
