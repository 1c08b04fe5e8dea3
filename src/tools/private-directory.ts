import { lstatSync, mkdtempSync, realpathSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { makeDirectories } from '../make-directories.js';
import { toolErrors } from './errors.js';

const GROUP_OR_OTHER_WRITE = 0o022;
const STICKY = 0o1000;

/** [E] Refused before anything runs: the operator must fix the directory, so it is a server fault. */
const refused = (dir: string, why: string) =>
  toolErrors.server(`the tool output directory ${dir} is not safe to use: ${why}; nothing was run (see --tool-output-dir)`);

const mode = (stat: Stats) => (stat.mode & 0o7777).toString(8).padStart(4, '0');

/** Refused unless `at` belongs to us or root and no one else may rename its entries (others may write only if it is sticky, as /tmp is). */
function checkContainer(dir: string, at: string, uid: number): void {
  const stat = lstatSync(at);
  if (stat.uid !== uid && stat.uid !== 0) throw refused(dir, `its parent ${at} belongs to uid ${stat.uid}, who could rename it`);
  if (stat.mode & GROUP_OR_OTHER_WRITE && !(stat.mode & STICKY))
    throw refused(dir, `its parent ${at} is writable by others without the sticky bit (mode ${mode(stat)})`);
}

/** `dir` itself and every directory above it. */
function selfAndAncestors(dir: string): string[] {
  const out = [dir];
  for (let at = dir; dirname(at) !== at; at = dirname(at)) out.push(dirname(at));
  return out;
}

/**
 * [E] Whether no other user can swap an entry of `dir` (a real path): it belongs to us, and
 * neither group nor others may write to it. Its ancestors belong to us or root and are not
 * writable by others unless sticky (there nobody renames another user's entry).
 */
function checkOwnership(dir: string, uid: number): void {
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) throw refused(dir, 'it is not a directory');
  if (stat.uid !== uid) throw refused(dir, `it belongs to uid ${stat.uid}, not to this process's uid ${uid}`);
  if (stat.mode & GROUP_OR_OTHER_WRITE) throw refused(dir, `others can write to it (mode ${mode(stat)})`);
  for (const at of selfAndAncestors(dir).slice(1)) checkContainer(dir, at, uid);
}

/**
 * [E] The same for the way to `dir` as configured, before its symlinks are resolved: a symlink
 * another user owns (say a `$TMPDIR/qualys-emulator-tools` planted to lead into a directory of
 * ours) could be pointed anywhere, and every directory the lookup passes through must be one
 * nobody else can change.
 */
function checkLookup(dir: string, uid: number): void {
  const containers = new Set<string>();
  for (const at of selfAndAncestors(resolve(dir)).slice(0, -1)) {
    const entry = lstatSync(at);
    if (entry.isSymbolicLink() && entry.uid !== uid && entry.uid !== 0)
      throw refused(dir, `${at} is a symlink of uid ${entry.uid}, who could point it elsewhere`);
    for (const container of selfAndAncestors(realpathSync(dirname(at)))) containers.add(container);
  }
  for (const container of containers) checkContainer(dir, container, uid);
}

/** Creates `dir` and its missing parents owner-only; a failure is a 500 that runs nothing. */
function makeDirectory(dir: string): void {
  try {
    makeDirectories(dir, 0o700);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw toolErrors.server(`the tool output directory ${dir} cannot be created (${code ?? 'failed'}); nothing was run (see --tool-output-dir)`);
  }
}

/**
 * The configured output directory, created owner-only (0700) when missing, as its real path;
 * refused (500, nothing run) when another user owns it or could swap what is inside: an output
 * directory another local user made first (say a 0777 `$TMPDIR/qualys-emulator-tools`) would let
 * them turn a run directory into a symlink to wherever they like.
 */
export function privateDirectory(dir: string): string {
  makeDirectory(dir);
  // No owners to compare where there are no uids (Windows).
  const uid = process.getuid?.();
  if (uid !== undefined) checkLookup(dir, uid);
  const real = realpathSync(dir);
  if (uid !== undefined) checkOwnership(real, uid);
  return real;
}

/**
 * A fresh directory for one run inside a private directory: mkdtemp creates it 0700 under a name
 * nobody could predict, and as nobody else can write to `root`, its path stays ours. It is checked
 * once more (no symlink, ours) before the tool is told its path.
 */
export function privateSubdirectory(root: string, prefix: string): string {
  const made = mkdtempSync(join(root, prefix));
  const stat = lstatSync(made);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) throw refused(made, 'the run directory was replaced as it was made');
  return made;
}
