import { FileIdentity } from './file-identity.js';

/**
 * What is wrong with an open database file that SQLite does not say: the file deleted or replaced
 * under the running server (writes refused). Nothing for `:memory:`.
 */
export class DatabaseCondition {
  private readonly file: FileIdentity | undefined;

  constructor(path: string | undefined) {
    this.file = path === undefined ? undefined : new FileIdentity(path);
  }

  /** Why nothing may be committed now (its answer would promise what cannot survive), or undefined. */
  writeRefusal(): string | undefined {
    return this.file?.problem();
  }

  /** Everything known to be wrong, for `/health`. */
  problems(): string[] {
    const refusal = this.writeRefusal();
    return refusal === undefined ? [] : [refusal];
  }
}
