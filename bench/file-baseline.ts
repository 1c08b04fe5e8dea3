import { createReadStream } from 'node:fs';
import Koa from 'koa';

/**
 * The baseline of the host pages: a bare Koa server streaming one file, whatever the path, as
 * the emulator streams a page. Usage: `node file-baseline.js FILE`. Prints the same listening
 * line as the emulator.
 */
const file = process.argv[2];
const app = new Koa();
// the load generator closes its connections mid-answer when a phase ends: not worth a stack trace
app.silent = true;
app.use((ctx) => {
  ctx.type = 'text/xml;charset=UTF-8';
  ctx.body = createReadStream(file);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`Qualys emulator listening on http://127.0.0.1:${address.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
