import type { Context } from 'koa';
import type { IncomingMessage } from 'node:http';
import { bodyFault } from '../http/body-errors.js';
import { decodedBody } from '../http/content-encoding.js';
import { JsonError } from '../http/json-errors.js';
import { toolErrors } from './errors.js';
import type { Body } from './fields.js';

/**
 * Reads the request body as one JSON object, at most `maxBytes` once decoded. [E] An empty body
 * counts as `{}` (every field is optional); any other content type than JSON, or JSON that is not
 * an object, is refused.
 */
export async function readJsonObject(ctx: Context, maxBytes: number): Promise<Body> {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > maxBytes) throw toolErrors.bodyTooLarge(maxBytes);
  const text = await readText(ctx.req, maxBytes);
  if (text.trim() === '') return {};
  if (!ctx.is('application/json')) throw toolErrors.badRequest('the body must be a JSON object sent as Content-Type: application/json');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw toolErrors.badRequest('the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw toolErrors.badRequest('the body must be a JSON object');
  return value as Body;
}

/** The decoded body as text; a body that cannot be read is the client's: 400, 413 or 415. */
async function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decodedBody(req) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw toolErrors.bodyTooLarge(maxBytes);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof JsonError) throw err;
    const fault = bodyFault(err);
    throw fault.status === 413 ? toolErrors.bodyTooLarge(maxBytes) : toolErrors.unreadableBody(fault);
  }
  return Buffer.concat(chunks).toString('utf8');
}
