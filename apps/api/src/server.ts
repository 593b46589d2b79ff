/** The API process: validated config, the app, and a graceful close on SIGINT/SIGTERM. */
import { loadConfig } from './config/config.js';
import { buildApp } from './app.js';
import { assertProductionReady } from './config/production-checks.js';

const config = loadConfig();
await assertProductionReady('api', config).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
const app = await buildApp({ config });

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'closing');
  const forced = setTimeout(() => process.exit(1), 30_000);
  forced.unref();
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
