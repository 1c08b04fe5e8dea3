import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The tool's executable, as a real path (so a symlink on PATH leads to the script's own
 * directory), or undefined when it is not there. A configured path is used as given; otherwise
 * each name is looked up on PATH as it is at the time of the request.
 */
export function findBinary(configured: string | undefined, names: readonly string[], path = process.env.PATH ?? ''): string | undefined {
  const candidates =
    configured !== undefined
      ? [configured]
      : names.flatMap((name) =>
          path
            .split(delimiter)
            .filter((dir) => isAbsolute(dir))
            .map((dir) => join(dir, name)),
        );
  const found = candidates.find(executable);
  return found === undefined ? undefined : realpathSync(found);
}
