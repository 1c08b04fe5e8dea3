import { formEntries } from '../http/form-entries.js';
import type { HarEntry } from './har.js';
import type { NameValue, Pair } from './redaction.js';

/** A call as replay matches it: parameters already masked as a recording masks them. */
export interface ReplayCall {
  method: string;
  path: string;
  params: readonly NameValue[];
  /** An XML body, masked; null for none. */
  xml: string | null;
}

/** An answer to replay, with what to substitute in it. */
export interface ReplayAnswer {
  status: number;
  headers: NameValue[];
  body: string;
  /** The recorded upstream's scheme, host and port, which the emulator's own replace. */
  origin: string;
}

/**
 * [E] What a call is matched on: method, path, and its parameters as a set of names each with its
 * last value (the API's reading: docs/fidelity.md §2), in any order; an XML body as text.
 */
function keyOf(call: ReplayCall): string {
  const last = new Map<string, string>();
  for (const { name, value } of call.params) last.set(name, value);
  const params = [...last].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([call.method === 'HEAD' ? 'GET' : call.method, call.path, params, call.xml]);
}

const pairs = (list: readonly NameValue[] | undefined): NameValue[] => list?.map(({ name, value }) => ({ name, value })) ?? [];
const named = (entries: readonly Pair[]): NameValue[] => entries.map(([name, value]) => ({ name, value }));

/** The call a HAR entry recorded. */
function recordedCall(entry: HarEntry): { call: ReplayCall; origin: string } {
  const url = new URL(entry.request.url);
  const post = entry.request.postData;
  const isXml = post !== undefined && /xml/.test(post.mimeType) && post.params === undefined;
  const body = post === undefined || isXml ? [] : post.params !== undefined ? pairs(post.params) : named(formEntries(post.text ?? ''));
  return {
    call: { method: entry.request.method, path: url.pathname, params: [...named(formEntries(url.search)), ...body], xml: isXml ? (post.text ?? '') : null },
    origin: url.origin,
  };
}

const textOf = (entry: HarEntry) => {
  const { text = '', encoding } = entry.response.content;
  return encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
};

/**
 * The answers of a recording, by call. [E] A call recorded several times (a list before and after
 * a create) is answered in the order recorded, the last answer repeating once they are used up.
 */
export class Recording {
  private readonly answers = new Map<string, { answers: ReplayAnswer[]; next: number }>();

  constructor(entries: readonly HarEntry[]) {
    for (const entry of entries) {
      const { call, origin } = recordedCall(entry);
      const key = keyOf(call);
      const answer: ReplayAnswer = { status: entry.response.status, headers: pairs(entry.response.headers), body: textOf(entry), origin };
      const slot = this.answers.get(key);
      if (slot === undefined) this.answers.set(key, { answers: [answer], next: 0 });
      else slot.answers.push(answer);
    }
  }

  get size(): number {
    return this.answers.size;
  }

  /** The next recorded answer to `call`, or undefined when none was recorded. */
  answer(call: ReplayCall): ReplayAnswer | undefined {
    const slot = this.answers.get(keyOf(call));
    if (slot === undefined) return undefined;
    const answer = slot.answers[Math.min(slot.next, slot.answers.length - 1)];
    slot.next++;
    return answer;
  }
}

/** The DATETIME an answer (or its echoed request) opens with; a record's own (CREATED, LAST_MODIFIED) is a value, kept. */
const ANSWER_TIME = /(<(?:RESPONSE|REQUEST)>\s*<DATETIME>)[^<]*(<\/DATETIME>)/g;

/** [Q] The answer's DATETIME is the time it was made: replayed, it is now; its URLs are the emulator's own. */
export function substituted(answer: ReplayAnswer, baseUrl: string, datetime: string): string {
  return answer.body.split(answer.origin).join(baseUrl).replace(ANSWER_TIME, `$1${datetime}$2`);
}
