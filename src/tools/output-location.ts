import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { toolErrors } from './errors.js';
import { privateDirectory, privateSubdirectory } from './private-directory.js';

/**
 * The real path `dir` has, or will have once `privateDirectory` creates it: the missing parts at its
 * end become plain directories. Creates nothing, so a request refused or unable to run leaves no trace.
 */
function realPathToBe(dir: string): string {
  const path = resolve(dir);
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPathToBe(parent), basename(path));
  }
}

/** A fresh private directory for one run, e.g. `<output dir>/kube-bench-Ab12Cd`. */
export function makeRunDirectory(dir: string, tool: string): string {
  return privateSubdirectory(privateDirectory(dir), `${tool}-`);
}

/** [E] The run directory a run that never started would have had, with mkdtemp's template for its suffix. */
export function runDirectoryTemplate(dir: string, tool: string): string {
  return join(realPathToBe(dir), `${tool}-XXXXXX`);
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * [E] Longest name a segment may have: NAME_MAX (255 bytes on Linux and macOS file systems) less
 * the `.json` docker-bench-security adds to its log file's name. Segments are ASCII, so
 * characters are bytes.
 */
const SEGMENT_MAX = 255 - '.json'.length;

/** [E] Longest whole path, with `.json`, under PATH_MAX (4096 on Linux, 1024 on macOS). */
const PATH_MAX = 1024;

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/** lstat, where any failure but a missing file is the value's fault: a 400 naming the field. */
function statOrRefuse(path: string, field: string) {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (err) {
    throw toolErrors.badField(field, `cannot be used (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

/**
 * [E] A caller-chosen output file: a name or path inside the output directory, relative to it or
 * absolute. Each path segment is plain (letters, digits, `_ . -`; no `..`); the parent must
 * exist and really lie inside (no symlinked directory out); the file and its `.json` companion
 * must be plain files if they exist (no symlink, no second hard link). Returns the real path to hand the tool.
 * Creates nothing: an output directory not made yet holds no subdirectory, so only a plain name passes.
 */
export function confineOutputFile(dir: string, requested: string, field: string): string {
  const root = realPathToBe(dir);
  let rel: string;
  if (isAbsolute(requested)) {
    const base = [resolve(dir), root].find((b) => inside(b, resolve(requested)));
    if (!base) throw toolErrors.badField(field, `${JSON.stringify(requested)} is outside the output directory ${root}`);
    rel = relative(base, requested);
  } else {
    rel = requested;
  }
  const segments = rel.split('/').filter((s) => s !== '');
  if (segments.length === 0 || rel.split('/').some((s) => s === '..' || s === '.')) {
    throw toolErrors.badField(field, `${JSON.stringify(requested)} must name a file inside the output directory, without . or .. segments`);
  }
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) throw toolErrors.badField(field, `${JSON.stringify(bad)} may only hold letters, digits, _ . and - (not first)`);
  const long = segments.find((s) => s.length > SEGMENT_MAX);
  if (long !== undefined) throw toolErrors.badField(field, `a name in it is ${long.length} characters long; at most ${SEGMENT_MAX} are allowed`);
  let parent = root;
  try {
    if (segments.length > 1) parent = realpathSync(join(root, ...segments.slice(0, -1)));
  } catch {
    throw toolErrors.badField(field, `the directory of ${JSON.stringify(requested)} does not exist in the output directory`);
  }
  if (!inside(root, parent)) throw toolErrors.badField(field, `${JSON.stringify(requested)} leads out of the output directory through a symlink`);
  const file = join(parent, segments[segments.length - 1]);
  if (Buffer.byteLength(`${file}.json`) > PATH_MAX) throw toolErrors.badField(field, `the whole path would be longer than ${PATH_MAX} bytes`);
  for (const path of [file, `${file}.json`]) {
    const stat = statOrRefuse(path, field);
    // A second hard link could name a file outside the directory as surely as a symlink.
    if (stat && (!stat.isFile() || stat.nlink > 1)) {
      throw toolErrors.badField(field, `${JSON.stringify(relative(root, path))} exists and is not a plain file (symlinks and hard links are refused)`);
    }
  }
  return file;
}
