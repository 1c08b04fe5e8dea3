import { afterAll, expect } from 'vitest';
import { XmlDocument, XmlElement } from 'libxml2-wasm';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../src/index.js';
import { createDtdValidator } from '../../src/xml-validation.js';

export const USER = { login: 'tester', password: 's3cret' };
export const AUTH = 'Basic ' + Buffer.from(`${USER.login}:${USER.password}`).toString('base64');

const validate = createDtdValidator();

/** Starts an emulator on port 0 with `:memory:` SQLite for the calling test file; closed after it. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const emulator = await startEmulator({ users: [USER], ...options });
  afterAll(() => emulator.close());
  return emulator;
}

/** A parsed element: name, text (trimmed) and children, for plain assertions. */
export interface Node {
  name: string;
  text: string;
  children: Node[];
  attrs: Record<string, string>;
}

export interface XmlResponse {
  status: number;
  headers: Headers;
  body: string;
  /** The root element, parsed after the body validated against the DTD its DOCTYPE names. */
  root: Node;
}

function toNode(el: XmlElement): Node {
  const children: Node[] = [];
  for (let c = el.firstChild; c; c = c.next) if (c instanceof XmlElement) children.push(toNode(c));
  const attrs: Record<string, string> = {};
  for (const a of el.attrs) attrs[a.name] = a.value;
  return { name: el.name, text: children.length === 0 ? el.content.trim() : '', children, attrs };
}

/** Parses and DTD-validates an XML body; fails the test when it is not valid. */
export function parseXml(body: string): Node {
  const problem = validate(body);
  expect(problem, `XML body failed its DTD:\n${body}`).toBeUndefined();
  const doc = XmlDocument.fromString(body);
  try {
    return toNode(doc.root);
  } finally {
    doc.dispose();
  }
}

export interface CallOptions {
  method?: string;
  /** Form parameters, sent urlencoded in the body (POST) or the query (GET). */
  form?: Record<string, string> | [string, string][];
  query?: Record<string, string> | [string, string][];
  headers?: Record<string, string>;
  body?: BodyInit;
  auth?: string | null;
  xrw?: string | null;
}

/** Sends a request as a Qualys client would and returns the parsed, validated XML answer. */
export async function call(emulator: Pick<EmulatorHandle, 'url'>, path: string, options: CallOptions = {}): Promise<XmlResponse> {
  const method = options.method ?? (options.form ? 'POST' : 'GET');
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== null) headers.Authorization = options.auth ?? AUTH;
  if (options.xrw !== null) headers['X-Requested-With'] = options.xrw ?? 'vitest';
  const query = new URLSearchParams(options.query ?? []).toString();
  let body = options.body;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(`${emulator.url}${path}${query ? `?${query}` : ''}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  expect(res.headers.get('content-type')).toBe('text/xml;charset=UTF-8');
  return { status: res.status, headers: res.headers, body: text, root: parseXml(text) };
}

/** The first descendant at a `/`-separated path below `node`, e.g. `RESPONSE/CODE`. */
export function find(node: Node, path: string): Node | undefined {
  let current: Node | undefined = node;
  for (const name of path.split('/')) current = current?.children.find((c) => c.name === name);
  return current;
}

export function text(node: Node, path: string): string | undefined {
  return find(node, path)?.text;
}

/** Every child named `name` at `path`. */
export function all(node: Node, path: string, name: string): Node[] {
  return find(node, path)?.children.filter((c) => c.name === name) ?? [];
}

/** Asserts a SIMPLE_RETURN error: status, CODE and TEXT. */
export function expectError(res: XmlResponse, status: number, code: string | undefined, textMatch: string | RegExp): void {
  expect(res.status, res.body).toBe(status);
  expect(res.root.name).toBe('SIMPLE_RETURN');
  expect(text(res.root, 'RESPONSE/CODE')).toBe(code);
  const t = text(res.root, 'RESPONSE/TEXT') ?? '';
  if (typeof textMatch === 'string') expect(t).toBe(textMatch);
  else expect(t).toMatch(textMatch);
}

export const DOCKER = '/api/2.0/fo/auth/docker/';

/** The first VALUE of a SIMPLE_RETURN's ITEM named `key` (`ID`, `REFERENCE`). */
export function itemValue(res: XmlResponse, key: string): string | undefined {
  return all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM')
    .find((i) => text(i, 'KEY') === key)
    ?.children.find((c) => c.name === 'VALUE')?.text;
}
