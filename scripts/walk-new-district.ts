/**
 * `npm run walk:new-district`: README's "Setting up a new district" walked in Chromium on a
 * private stack seeded with no district (SEED_DISTRICT=none) — the first administrator's password,
 * areas from GeoJSON, units, categories, a hotline, accounts from the XLSX template, then the
 * imported agent's first call filed as a ticket on the new grid's team
 * (apps/console/e2e/walk/new-district.walk.ts). PostgreSQL and Redis as for `npm run e2e`.
 */
import { join } from 'node:path';
import { REPO_ROOT, runStep } from './lib/run.js';
import { generatePrismaClient, provisionServices } from './lib/stack.js';
import { withBrowserStack } from './lib/browser-stack.js';

const services = await provisionServices(join(REPO_ROOT, '.data/test'));
let code = 1;
try {
  await generatePrismaClient();
  code = await withBrowserStack(
    services,
    (env) => runStep(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['apps/console/e2e/walk/new-district.walk.ts'], { env }),
    { district: 'none' },
  );
} finally {
  await services.stop();
}
process.exit(code);
