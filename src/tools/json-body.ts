import type { Context } from 'koa';
import { toolErrors } from './errors.js';
import type { Body } from './fields.js';

/**
 * Reads the request body as one JSON object, at most `maxBytes`. [E] An empty body counts as `{}`
 * (every field is optional); any other content type than JSON, or JSON that is not an object,
 * is refused.
 */
export async function readJsonObject(ctx: Context, maxBytes: number): Promise<Body> {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > maxBytes) throw toolErrors.bodyTooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw toolErrors.bodyTooLarge(maxBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
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
