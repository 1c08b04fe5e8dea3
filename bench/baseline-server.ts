import { readFileSync } from 'node:fs';
import Koa from 'koa';

/**
 * The framework's own ceiling: a bare Koa server answering, per path, a fixed body of the size
 * the emulator answers the same request with. Usage: `node baseline-server.js BODIES.json`, where
 * the file maps a path to `{ status, body }`. Prints the same listening line as the emulator.
 */
const answers = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Record<string, { status: number; body: string }>;

const app = new Koa();
app.use((ctx) => {
  const answer = answers[ctx.path];
  if (!answer) return;
  ctx.status = answer.status;
  ctx.body = answer.body;
  ctx.type = 'text/xml;charset=UTF-8';
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`Qualys emulator listening on http://127.0.0.1:${address.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
