/**
 * `pnpm e2e [files…]`: the browser tests (or the named ones, e.g. `tickets-search`) against a
 * private stack: a fresh database on the same PostgreSQL, its own Redis key prefix, a free HTTP
 * port and a simulator on any free AMI port, so several checkouts can run it side by side.
 * PostgreSQL and Redis are DATABASE_URL / REDIS_URL, or the private ones of the test command.
 * The test command runs the same steps for the whole suite.
 */
import { join } from 'node:path';
import { REPO_ROOT, runStep } from './lib/run.js';
import { generatePrismaClient, provisionServices } from './lib/stack.js';
import { withBrowserStack } from './lib/browser-stack.js';

const files = process.argv.slice(2);
const services = await provisionServices(join(REPO_ROOT, '.data/test'));
let code = 1;
try {
  await generatePrismaClient();
  code = await withBrowserStack(services, (env) =>
    runStep(join(REPO_ROOT, 'node_modules/.bin/vitest'), ['run', '-c', 'apps/console/vitest.e2e.config.ts', ...files], { env }));
} finally {
  await services.stop();
}
process.exit(code);
