import { lstatSync, mkdirSync, mkdtempSync, realpathSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { toolErrors } from './errors.js';

const GROUP_OR_OTHER_WRITE = 0o022;
const STICKY = 0o1000;

/** [E] Refused before anything runs: the operator must fix the directory, so it is a server fault. */
const refused = (dir: string, why: string) =>
  toolErrors.server(`the tool output directory ${dir} is not safe to use: ${why}; nothing was run (see --tool-output-dir)`);

const mode = (stat: Stats) => (stat.mode & 0o7777).toString(8).padStart(4, '0');

/**
 * [E] Whether no other user can swap an entry of `dir`: it belongs to us, and neither group nor
 * others may write to it. Its ancestors belong to us or root and are not writable by others
 * unless sticky (as /tmp is: there nobody renames another user's entry).
 */
function checkOwnership(dir: string, uid: number): void {
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) throw refused(dir, 'it is not a directory');
  if (stat.uid !== uid) throw refused(dir, `it belongs to uid ${stat.uid}, not to this process's uid ${uid}`);
  if (stat.mode & GROUP_OR_OTHER_WRITE) throw refused(dir, `others can write to it (mode ${mode(stat)})`);
  for (let child = dir, parent = dirname(dir); parent !== child; child = parent, parent = dirname(parent)) {
    const up = lstatSync(parent);
    if (up.uid !== uid && up.uid !== 0) throw refused(dir, `its parent ${parent} belongs to uid ${up.uid}, who could rename it`);
    if (up.mode & GROUP_OR_OTHER_WRITE && !(up.mode & STICKY)) throw refused(dir, `its parent ${parent} is writable by others without the sticky bit (mode ${mode(up)})`);
  }
}

/**
 * The configured output directory, created owner-only (0700) when missing, as its real path;
 * refused (500, nothing run) when another user owns it or could swap what is inside: an output
 * directory another local user made first (say a 0777 `$TMPDIR/qualys-emulator-tools`) would let
 * them turn a run directory into a symlink to wherever they like.
 */
export function privateDirectory(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const real = realpathSync(dir);
  // No owners to compare where there are no uids (Windows).
  const uid = process.getuid?.();
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
