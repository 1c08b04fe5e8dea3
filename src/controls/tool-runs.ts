import type { ToolResponse } from '../tools/run-request.js';
import { clip } from './clip.js';

/** A tool run as the dashboard lists it: what ran, how it ended, what it counted; not its output. */
export interface ToolRun {
  tool: string;
  user: string;
  timestamp: string;
  return_code: number;
  success: boolean;
  timed_out: boolean;
  execution_time: number;
  command: string;
  output_file: string;
  summary: ToolResponse['summary'];
  report_error: string | null;
}

/** [E] The most recent runs kept per tool; their output is not kept, so each run costs a few hundred bytes. */
const RUNS_KEPT = 20;
/** [E] Characters kept of a command and an output file name; a longer one ends in `…`. */
const TEXT_MAX = 4096;

const kept = (text: string) => {
  const c = clip(text, TEXT_MAX);
  return c.cut ? `${c.text}…` : c.text;
};

/** The last runs of each tool, newest first; emptied by a reset like the rest of the emulator's state. */
export class ToolRuns {
  private runs: ToolRun[] = [];

  add(tool: string, user: string, r: ToolResponse): void {
    const run: ToolRun = {
      tool,
      user,
      timestamp: r.timestamp,
      return_code: r.return_code,
      success: r.success,
      timed_out: r.timed_out,
      execution_time: r.execution_time,
      command: kept(r.command),
      output_file: kept(r.output_file),
      summary: r.summary,
      report_error: r.report_error === undefined ? null : kept(r.report_error),
    };
    const older = this.runs.filter((x) => x.tool === tool).slice(RUNS_KEPT - 1);
    this.runs = [run, ...this.runs.filter((x) => !older.includes(x))];
  }

  list(): ToolRun[] {
    return this.runs.map((r) => ({ ...r }));
  }

  clear(): void {
    this.runs = [];
  }
}
