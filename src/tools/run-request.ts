import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ToolSettings } from '../settings/config.js';
import { findBinary } from './binaries.js';
import { makeRunDirectory, runDirectoryTemplate } from './output-location.js';
import { privateDirectory } from './private-directory.js';
import { readReport } from './report.js';
import type { ProcessGroups } from './process-groups.js';
import { runTool, type RunOutcome } from './runner.js';
import type { PreparedRun, Summary, ToolDefinition } from './tool.js';
import { shellQuote } from './words.js';

/** The 200 answer of a tool endpoint; field names are the seeds'. */
export interface ToolResponse {
  stdout: string;
  stderr: string;
  return_code: number;
  success: boolean;
  timed_out: boolean;
  partial_results: boolean;
  execution_time: number;
  timestamp: string;
  command: string;
  argv: string[];
  output_file: string;
  report: unknown;
  report_error?: string;
  summary: Summary | null;
}

/** [from the contract] what a shell answers for a missing program. */
const notFound = (tool: string): RunOutcome => ({
  stdout: '',
  stderr: `${tool}: command not found\n`,
  returnCode: 127,
  timedOut: false,
  truncated: false,
  executionTime: 0,
});

/** The output file; a run that cannot start (`create` false) gets its name but creates nothing. */
function placeOutput(tool: ToolDefinition, prepared: PreparedRun, settings: ToolSettings, create: boolean): string {
  if (prepared.chosenOutputFile !== undefined) {
    if (create) privateDirectory(settings.toolOutputDir);
    return prepared.chosenOutputFile;
  }
  const runDirectory = create ? makeRunDirectory(settings.toolOutputDir, tool.name) : runDirectoryTemplate(settings.toolOutputDir, tool.name);
  return join(runDirectory, prepared.defaultFileName);
}

/** Runs one validated request: finds the binary, places the output, spawns, reads the report. */
export async function runRequest(tool: ToolDefinition, prepared: PreparedRun, settings: ToolSettings, groups: ProcessGroups): Promise<ToolResponse> {
  const timestamp = new Date().toISOString();
  const binary = findBinary(tool.configuredBin(settings), tool.commands);
  const outputFile = placeOutput(tool, prepared, settings, binary !== undefined);
  const argv = prepared.args(outputFile);
  const location = prepared.report(outputFile);
  let outcome: RunOutcome;
  if (binary === undefined) {
    outcome = notFound(tool.name);
  } else {
    // A report left by an earlier run into the same chosen file must not pass for this run's.
    if ('path' in location) rmSync(location.path, { force: true });
    outcome = await runTool(
      binary,
      argv,
      tool.runsInOwnDirectory ? dirname(binary) : undefined,
      {
        timeoutSeconds: settings.toolTimeout,
        graceSeconds: settings.toolKillGrace,
        outputCap: settings.toolOutputCap,
      },
      groups,
    );
  }
  const reading =
    binary === undefined
      ? { report: null, report_error: `${tool.name} was not found, so it wrote no report` }
      : 'path' in location
        ? readReport(location.path)
        : { report: null, report_error: location.error };
  const kept = outcome.stdout !== '' || outcome.stderr !== '' || reading.report !== null;
  return {
    stdout: outcome.stdout,
    stderr: binary === undefined || !prepared.usesDefaultConfig ? outcome.stderr : outcome.stderr + (tool.missingConfigNote?.(binary, outcome.stderr) ?? ''),
    return_code: outcome.returnCode,
    success: outcome.returnCode === 0,
    timed_out: outcome.timedOut,
    partial_results: (outcome.timedOut || outcome.truncated) && kept,
    execution_time: Math.round(outcome.executionTime * 1000) / 1000,
    timestamp,
    command: shellQuote([binary ?? tool.commands[0], ...argv]),
    argv,
    output_file: outputFile,
    ...reading,
    summary: reading.report === null ? null : tool.summarize(reading.report),
  };
}
