/**
 * A DTD the emulator bundles under dtd/ and serves, without credentials, at the URL its answers'
 * DOCTYPEs name. The URL and the file are declared apart: newer API versions name DTDs at paths of
 * their own (e.g. `/api/5.0/.../dtd/list/output.dtd`).
 */
export interface BundledDtd {
  url: string;
  /** Its file, relative to dtd/. */
  file: string;
  /** The text of a DTD written from declarations, which the file must hold (test/unit/dtds.test.ts). */
  write?: () => string;
}

/** A DTD of the v2.0 API: the one at `/api/2.0/X` is the file `dtd/X`. */
export function v2Dtd(url: string, write?: () => string): BundledDtd {
  const prefix = '/api/2.0/';
  if (!url.startsWith(prefix)) throw new Error(`${url} is not a v2.0 DTD: declare its file`);
  return { url, file: url.slice(prefix.length), write };
}
