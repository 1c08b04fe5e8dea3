import type { IncomingHttpHeaders } from 'node:http';
import { MASK, type SecretParams } from '../qualys/secrets.js';

export type Pair = readonly [string, string];

/** A header as HAR writes it. */
export interface NameValue {
  name: string;
  value: string;
}

/** The cookies of a Cookie header, or the one cookie a Set-Cookie sets, as name and value. */
const cookiesOf = (header: string): Pair[] =>
  header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c.includes('='))
    .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as const);

/** An element holding text or one CDATA section, nothing else: where a document carries a value. */
const LEAF = /<([A-Za-z_][-\w.:]*)(\s[^<>]*)?>([^<]*|<!\[CDATA\[[\s\S]*?\]\]>)<\/\1\s*>/g;

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * What one exchange must never write: the values of the secret parameters the families declare,
 * whatever the case of their names (the journal's masking rule, `SecretParams.maskAnyCase`), the
 * Basic credentials and the session cookies of both sides. Each such value is masked wherever it
 * occurs, in URLs, bodies and headers alike, since an answer may echo what a request carried. In
 * XML (a UNIX_AUTH_PARAMS body, an answer) an element named as a secret parameter, in any case
 * (PASSWORD, PASSPHRASE, PRIVATE_KEY), has its text masked too.
 */
export class Redaction {
  private readonly values = new Set<string>();

  constructor(
    private readonly secrets: SecretParams,
    params: Iterable<Pair>,
    headers: IncomingHttpHeaders,
  ) {
    for (const [name, value] of params) if (secrets.maskAnyCase(name, value) !== value) this.values.add(value);
    const auth = headers.authorization;
    if (auth !== undefined) {
      const token = auth.slice(auth.indexOf(' ') + 1);
      this.values.add(token);
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      if (decoded.includes(':')) this.values.add(decoded.slice(decoded.indexOf(':') + 1));
    }
    for (const [, value] of cookiesOf(headers.cookie ?? '')) this.values.add(value);
  }

  /** Also masks the cookies an answer sets (a session login's token). */
  addAnswer(headers: IncomingHttpHeaders): void {
    for (const header of asList(headers['set-cookie'])) for (const [, value] of cookiesOf(header.split(';')[0])) this.values.add(value);
  }

  /** `text` with every secret value masked, longest first so a shorter one inside it is masked too. */
  text(text: string): string {
    let out = text;
    for (const value of [...this.values].filter((v) => v !== '').sort((a, b) => b.length - a.length)) out = out.split(value).join(MASK);
    return out;
  }

  /** A document's text with every secret element's content masked, then every secret value. */
  xml(text: string): string {
    const masked = text.replace(LEAF, (whole, name: string, attrs: string | undefined) =>
      this.secrets.maskAnyCase(name, whole) === whole ? whole : `<${name}${attrs ?? ''}>${MASK}</${name}>`,
    );
    return this.text(masked);
  }

  /** Parameters with the secret ones masked, and any secret value inside the others. */
  params(entries: Iterable<Pair>): NameValue[] {
    return [...entries].map(([name, value]) => ({ name, value: this.text(this.secrets.maskAnyCase(name, value)) }));
  }

  /** Headers as written: credentials and cookies masked, their scheme and cookie names kept. */
  headers(headers: IncomingHttpHeaders): NameValue[] {
    const out: NameValue[] = [];
    for (const [name, raw] of Object.entries(headers))
      for (const value of asList(raw)) {
        if (name === 'authorization') out.push({ name, value: `${value.split(' ')[0]} ${MASK}` });
        else if (name === 'cookie' || name === 'set-cookie') out.push({ name, value: this.cookieHeader(name, value) });
        else out.push({ name, value: this.text(value) });
      }
    return out;
  }

  /** A Cookie header's values, or the value a Set-Cookie sets, masked; names and attributes kept. */
  private cookieHeader(name: string, value: string): string {
    const masked = (pairs: string) =>
      cookiesOf(pairs)
        .map(([n]) => `${n}=${MASK}`)
        .join('; ');
    if (name === 'cookie') return masked(value);
    const [first, ...attributes] = value.split(';');
    return [masked(first), ...attributes].join(';');
  }
}
