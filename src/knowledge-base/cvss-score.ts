/**
 * CVSS scores from vectors, by the published formulas (FIRST: CVSS v3.1 specification §7, CVSS
 * v2 guide §3.2), so that a generated entry's scores follow its vectors. Scores are numbers; the
 * KnowledgeBase writes them with one decimal.
 */

type Weights = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** `AV:N/AC:L/...` (an optional `CVSS:x.y/` prefix) as metric → value; later repeats win. */
function metrics(vector: string): Map<string, string> {
  const parts = vector.split('/').filter((p) => !p.startsWith('CVSS:'));
  return new Map(parts.map((p) => p.split(':', 2) as [string, string]));
}

/** The weight of `metric` in `vector`, or of `fallback` when the vector leaves it out (X, ND: not defined). */
function weight(table: Weights, m: Map<string, string>, metric: string, fallback?: string): number {
  const value = m.get(metric) ?? fallback;
  const w = value === undefined ? undefined : table[metric]?.[value];
  if (w === undefined) throw new Error(`CVSS vector lacks a valid ${metric}`);
  return w;
}

const V3: Weights = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  PR: { N: 0.85, L: 0.62, H: 0.27 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
  E: { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 },
  RL: { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 },
  RC: { X: 1, C: 1, R: 0.96, U: 0.92 },
};
/** Privileges Required weighs more when the scope changes. */
const V3_PR_CHANGED: Readonly<Record<string, number>> = { N: 0.85, L: 0.68, H: 0.5 };

/** The v3.1 Roundup (Appendix A): the smallest one-decimal number not below `x`, free of float error. */
export function roundup(x: number): number {
  const n = Math.round(x * 100000);
  return n % 10000 === 0 ? n / 100000 : (Math.floor(n / 10000) + 1) / 10;
}

/** The CVSS v3.1 base score of a v3 vector (v3.0 vectors score the same but for rounding). */
export function cvss3Base(vector: string): number {
  const m = metrics(vector);
  const changed = m.get('S') === 'C';
  if (!changed && m.get('S') !== 'U') throw new Error('CVSS vector lacks a valid S');
  const iss = 1 - (1 - weight(V3, m, 'C')) * (1 - weight(V3, m, 'I')) * (1 - weight(V3, m, 'A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const pr = changed ? V3_PR_CHANGED[m.get('PR') ?? ''] : weight(V3, m, 'PR');
  if (pr === undefined) throw new Error('CVSS vector lacks a valid PR');
  const exploitability = 8.22 * weight(V3, m, 'AV') * weight(V3, m, 'AC') * pr * weight(V3, m, 'UI');
  if (impact <= 0) return 0;
  return roundup(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** The CVSS v3.1 temporal score: the base with the vector's E, RL and RC (absent: not defined). */
export function cvss3Temporal(vector: string): number {
  const m = metrics(vector);
  return roundup(cvss3Base(vector) * weight(V3, m, 'E', 'X') * weight(V3, m, 'RL', 'X') * weight(V3, m, 'RC', 'X'));
}

const V2: Weights = {
  AV: { L: 0.395, A: 0.646, N: 1 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: { N: 0, P: 0.275, C: 0.66 },
  I: { N: 0, P: 0.275, C: 0.66 },
  A: { N: 0, P: 0.275, C: 0.66 },
  E: { ND: 1, U: 0.85, POC: 0.9, F: 0.95, H: 1 },
  RL: { ND: 1, OF: 0.87, TF: 0.9, W: 0.95, U: 1 },
  RC: { ND: 1, UC: 0.9, UR: 0.95, C: 1 },
};

/** v2's round_to_1_decimal; the small nudge keeps products like 4.35 from rounding down in binary. */
const round1 = (x: number) => Math.round(x * 10 + 1e-9) / 10;

/** The CVSS v2 base score of a v2 vector. */
export function cvss2Base(vector: string): number {
  const m = metrics(vector);
  const impact = 10.41 * (1 - (1 - weight(V2, m, 'C')) * (1 - weight(V2, m, 'I')) * (1 - weight(V2, m, 'A')));
  const exploitability = 20 * weight(V2, m, 'AV') * weight(V2, m, 'AC') * weight(V2, m, 'Au');
  return round1((0.6 * impact + 0.4 * exploitability - 1.5) * (impact === 0 ? 0 : 1.176));
}

/** The CVSS v2 temporal score: the base with the vector's E, RL and RC (absent: not defined). */
export function cvss2Temporal(vector: string): number {
  const m = metrics(vector);
  return round1(cvss2Base(vector) * weight(V2, m, 'E', 'ND') * weight(V2, m, 'RL', 'ND') * weight(V2, m, 'RC', 'ND'));
}
