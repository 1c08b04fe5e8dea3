import { qualysErrors, type QualysError } from './errors.js';

export const MASK = '********';

/**
 * Parameters whose values never leave the emulator: not in echoes, error TEXTs or the journal [E].
 * `createApp` builds one from the secrets every API family declares and hands it to whoever
 * shows parameters, so a second emulator in the same process masks only its own families'.
 */
export class SecretParams {
  private readonly names: ReadonlySet<string>;
  /** The same names in lower case, for what is kept rather than answered. */
  private readonly lowerCase: ReadonlySet<string>;

  constructor(names: Iterable<string>) {
    this.names = new Set(names);
    this.lowerCase = new Set([...this.names].map((n) => n.toLowerCase()));
  }

  /** `value`, or the mask when `name` is secret. */
  mask(name: string, value: string): string {
    return this.names.has(name) ? MASK : value;
  }

  /**
   * The same whatever the case of the name a client used, for what is kept rather than answered
   * (the request journal): a misspelt `Password=` is refused by the API (1901), but its value is
   * a password all the same.
   */
  maskAnyCase(name: string, value: string): string {
    return this.lowerCase.has(name.toLowerCase()) ? MASK : value;
  }

  /** The error as it may leave: the value of a secret parameter its TEXT shows replaced by the mask. */
  maskError(err: QualysError): QualysError {
    const shown = err.shownValue;
    return shown !== undefined && this.names.has(shown.param) ? qualysErrors.invalidValue(shown.param, MASK, shown.reason) : err;
  }
}
