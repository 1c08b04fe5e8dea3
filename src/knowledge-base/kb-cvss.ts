/**
 * An entry's CVSS as other families read it: the base score and vector of CVSS v3 when the entry
 * has one, else of v2 (the QDS factors of a detection, src/hosts/).
 */
export interface KbCvss {
  version: 2 | 3;
  base: string;
  /** The vector as the entry holds it, e.g. `CVSS:3.1/AV:N/AC:L/...`, when it holds one. */
  vector?: string;
}

/** [Q] a BASE is text, or (v2) an element with a `source` attribute, kept as `{ value, source }`. */
const baseOf = (base: unknown): string | undefined =>
  typeof base === 'string' || typeof base === 'number'
    ? String(base)
    : typeof base === 'object' && base !== null && 'value' in base
      ? String(base.value)
      : undefined;

/** One entry's CVSS from its `cvss_v3` and `cvss` groups (JSON, null when absent); undefined without a base score. */
export function kbCvss(v3: string | null, v2: string | null): KbCvss | undefined {
  for (const [version, json] of [
    [3, v3],
    [2, v2],
  ] as const) {
    if (json === null) continue;
    const group = JSON.parse(json) as { base?: unknown; vector_string?: unknown };
    const base = baseOf(group.base);
    if (base !== undefined) return { version, base, vector: typeof group.vector_string === 'string' ? group.vector_string : undefined };
  }
  return undefined;
}
