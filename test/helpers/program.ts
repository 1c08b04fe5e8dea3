import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.js';

/** The real program, as `npm start` and the `qualys-emulator` bin run it (built by `npm test`). */
export const BIN = join(PACKAGE_ROOT, 'bin', 'qualys-emulator.js');

export interface Program {
  child: ChildProcess;
  exited: Promise<number | null>;
  out(): string;
  err(): string;
}

/** Runs the program with extra environment variables, and under `umask` (octal) when given. */
export function runProgram(args: readonly string[], env: Record<string, string> = {}, umask?: string): Program {
  const command = umask === undefined ? [process.execPath, BIN, ...args] : ['sh', '-c', `umask ${umask} && exec "$@"`, 'sh', process.execPath, BIN, ...args];
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** The base URL from the program's one listening line, once it is printed. */
export async function listening(p: Program): Promise<string> {
  for (let i = 0; i < 200 && !/listening on/.test(p.out()); i++) await new Promise((r) => setTimeout(r, 50));
  const match = /^Qualys emulator listening on (http:\/\/\S+)\n$/.exec(p.out());
  if (!match) throw new Error(`no listening line; stdout=${p.out()} stderr=${p.err()}`);
  return match[1];
}
