import type { ToolSettings } from '../settings/config.js';
import type { Body } from './fields.js';

/** Counts of check results, read from a report. */
export interface Summary {
  pass: number;
  fail: number;
  warn: number;
  info: number;
  /** docker-bench-security only: its NOTE results. */
  note?: number;
  /** Every result counted above. */
  total: number;
}

/** A validated request, ready to become an argv once its output location is known. */
export interface PreparedRun {
  /** The arguments after the program, given the output file. */
  args(outputFile: string): string[];
  /** A confined output file the caller chose; without one a private run directory is made. */
  chosenOutputFile?: string;
  /** The output file's name inside a private run directory. */
  defaultFileName: string;
  /** Where the JSON report lands, or why there is none to parse. */
  report(outputFile: string): { path: string } | { error: string };
  /** Whether the run relies on the tool finding its configuration by itself (kube-bench without config_dir). */
  usesDefaultConfig?: boolean;
}

/** One tool: how it is found, how a request becomes arguments, how its report is counted. */
export interface ToolDefinition {
  name: 'kube-bench' | 'docker-bench-security';
  /** Names looked up on PATH, in order. */
  commands: readonly string[];
  configuredBin(settings: ToolSettings): string | undefined;
  /** Whether it starts in its executable's directory (docker-bench-security sources its own files there). */
  runsInOwnDirectory: boolean;
  /** Validates the body; throws a 400 naming the field. Touches nothing. */
  prepare(body: Body, settings: ToolSettings): PreparedRun;
  summarize(report: unknown): Summary | null;
  /** For a tool that needs a configuration: whether one is where it looks without being told. */
  defaultConfigFound?(binary: string): boolean;
  /** [E] A line for stderr when a run left to find its configuration found none: where one must be; or ''. */
  missingConfigNote?(binary: string, stderr: string): string;
}
