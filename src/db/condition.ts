import { FileIdentity } from './file-identity.js';
import { IntegrityChecks } from './integrity.js';

/**
 * What is wrong with an open database file that SQLite does not say: the file deleted or replaced
 * under the running server (writes refused), or pages damaged where no statement has read yet
 * (found by quick_check). Nothing for `:memory:`.
 */
export class DatabaseCondition {
  private readonly file: FileIdentity | undefined;
  private readonly integrity: IntegrityChecks | undefined;

  constructor(path: string | undefined) {
    this.file = path === undefined ? undefined : new FileIdentity(path);
    this.integrity = path === undefined ? undefined : new IntegrityChecks(path);
  }

  /** Why nothing may be committed now (its answer would promise what cannot survive), or undefined. */
  writeRefusal(): string | undefined {
    return this.file?.problem();
  }

  /** Everything known to be wrong, for `/health`. */
  problems(): string[] {
    const refusal = this.writeRefusal();
    return [...(refusal === undefined ? [] : [refusal]), ...(this.integrity?.problems() ?? [])];
  }

  /** Waits for a check in progress, so that the server's connection closes last. */
  stop(): void {
    this.integrity?.stop();
  }
}
