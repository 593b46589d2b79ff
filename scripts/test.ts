/**
 * The test command (`npm test`): the same provisioning as start, then lint, type-check, every
 * Vitest project (unit and integration on real PostgreSQL and Redis), the live telephony suite
 * on a real Asterisk 22 (telephony/vitest.live.config.ts), and the browser tests
 * in Chromium against a running stack. Ends with "N passed, N failed"; non-zero on any failure.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runStep } from './lib/run.js';
import { generatePrismaClient, provisionServices } from './lib/stack.js';
import { withBrowserStack } from './lib/browser-stack.js';

const BIN = join(REPO_ROOT, 'node_modules/.bin');
const ARTIFACTS = join(REPO_ROOT, '.artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let passed = 0;
let failed = 0;
const failures: string[] = [];

/** A check that is not a Vitest run (lint, type-check) counts as one test. */
async function check(label: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  console.log(`\n━━ ${label}`);
  const code = await runStep(command, args, { env });
  if (code === 0) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

/** Runs Vitest with a JSON report and adds its counts. */
async function vitest(label: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  console.log(`\n━━ ${label}`);
  const report = join(ARTIFACTS, `${label.replace(/\W+/g, '-')}.json`);
  const code = await runStep(join(BIN, 'vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], { env });
  if (!existsSync(report)) {
    failed += 1;
    failures.push(`${label} (no report, exit ${code})`);
    return;
  }
  const result = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; testResults: { status: string; name: string }[] };
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  const brokenFiles = result.testResults.filter((file) => file.status === 'failed');
  if (result.numFailedTests > 0 || code !== 0) failures.push(`${label}: ${brokenFiles.map((file) => file.name.replace(`${REPO_ROOT}/`, '')).join(', ') || `exit ${code}`}`);
  if (code !== 0 && result.numFailedTests === 0) failed += Math.max(1, brokenFiles.length);
}

const services = await provisionServices(join(REPO_ROOT, '.data/test'));
try {
  await generatePrismaClient();
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_DATABASE_URL: services.databaseUrl, TEST_REDIS_URL: services.redisUrl };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;

  await check('lint (eslint)', join(BIN, 'eslint'), ['.']);
  await check('type-check (tsc)', join(BIN, 'tsx'), ['scripts/typecheck.ts']);
  await vitest('unit and integration', ['--project', 'node', '--project', 'console'], env);
  // The product against a real Asterisk 22 built from the vendored source (once, cached outside
  // the checkout; telephony/pbx/build-asterisk.sh), judged by the PBX's own queue_log and CDR.
  await vitest('live telephony (real Asterisk 22)', ['-c', 'telephony/vitest.live.config.ts'], env);

  console.log('\n━━ browser tests: preparing a running stack');
  await withBrowserStack(services, (browserEnv) => vitest('browser', ['-c', 'apps/console/vitest.e2e.config.ts'], browserEnv));
} catch (error) {
  failed += 1;
  failures.push(`test command: ${(error as Error).message}`);
} finally {
  await services.stop();
}

if (failures.length > 0) console.log(`\nFailed:\n  - ${failures.join('\n  - ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
