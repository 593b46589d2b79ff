/**
 * The API as benchmarks run it: `buildApp` from the environment (as `apps/api/src/server.ts`
 * does) plus one trivial route, `GET /bench/ping`, the baseline for "a trivial Fastify route on
 * the same server". Listens on 127.0.0.1, port 0, and prints `LISTENING <port>`.
 */
import { loadConfig } from '../../../apps/api/src/config/config.js';
import { buildApp } from '../../../apps/api/src/app.js';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', CONSOLE_DIST: 'none' });
const app = await buildApp({ config, logger: config.logLevel !== 'silent' });
// Outside /api: no session, role or CSRF work — the bare cost of a Fastify route on this server.
app.get('/bench/ping', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`LISTENING ${typeof address === 'object' && address ? address.port : 0}`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  void app.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
