import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeEach } from 'vitest';
import type { EmulatorHandle, EmulatorOptions } from '../../src/index.js';
import { AUTH, startTestEmulator } from '../helpers/emulator.js';
import type { JsonResponse } from '../helpers/json-response.js';
import type { ToolResponse } from '../../src/tools/run-request.js';

/** What the fakes' reports hold that the tests read. */
interface FakeReport {
  Controls: { node_type: string; tests: { results: { scored: boolean }[] }[] }[];
  tests: { id: string; remediation?: string }[];
  checks: number;
}

/** A tool endpoint's answer: the run's document on 200, `{"error": ...}` otherwise. */
export type ToolAnswer = Omit<ToolResponse, 'report'> & { report: FakeReport | null; error: string };

/** The fake tools' folder, named by the `*Bin` options (or put on the PATH of a program). */
export const FAKES = resolve(import.meta.dirname, '../fakes');

export interface ToolTestBed {
  emulator: EmulatorHandle;
  /** This test file's private output directory (the emulator's --tool-output-dir). */
  outputDir: string;
  /** Everything the fakes were started with since the last test began. */
  runs(): { tool: string; argv: string[]; cwd: string; pid: number }[];
}

/**
 * Starts an emulator for a test file with the fakes as its tools (the worker's PATH is left
 * alone), a fresh output directory, and a log the fakes append their argv to (emptied before
 * each test).
 */
export async function startToolTestBed(options: EmulatorOptions = {}): Promise<ToolTestBed> {
  const scratch = mkdtempSync(join(tmpdir(), 'qe-tools-test-'));
  const outputDir = join(scratch, 'out');
  const log = join(scratch, 'argv.jsonl');
  process.env.FAKE_TOOL_LOG = log;
  beforeEach(() => writeFileSync(log, ''));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const emulator = await startTestEmulator({
    kubeBenchBin: join(FAKES, 'kube-bench'),
    dockerBenchBin: join(FAKES, 'docker-bench-security'),
    toolOutputDir: outputDir,
    ...options,
  });
  const runs = () =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  return { emulator, outputDir, runs };
}

/** POSTs a JSON body (or raw text) to a tool endpoint with the test credentials, unless told otherwise. */
export async function postTool(
  emulator: Pick<EmulatorHandle, 'url'>,
  tool: string,
  body: unknown,
  options: { auth?: string | null; raw?: string; contentType?: string; method?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<ToolAnswer>> {
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json', ...options.headers };
  if (options.auth !== null) headers.Authorization = options.auth ?? AUTH;
  const method = options.method ?? 'POST';
  const res = await fetch(`${emulator.url}/api/tools/${tool}`, {
    method,
    headers,
    body: method === 'GET' ? undefined : (options.raw ?? JSON.stringify(body)),
  });
  const text = await res.text();
  if (!res.headers.get('content-type')?.startsWith('application/json')) throw new Error(`not JSON (${res.status}): ${text}`);
  return { status: res.status, headers: res.headers, json: JSON.parse(text) };
}

/** Alive and not a zombie waiting for its reaper. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** Polls until `condition` holds; fails naming `what` after `ms` rather than hanging the test. */
export async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`gave up after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}
