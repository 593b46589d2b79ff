/**
 * The start command (`npm start`): services, database, console and every process.
 * PostgreSQL and Redis come from DATABASE_URL / REDIS_URL, or are started privately under
 * .data/; the PBX is the built-in simulator unless AMI_URL names a real Asterisk.
 * Ctrl-C stops everything this command started; the next start reuses the data.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readMode, refuseOnProblems } from '@yixian/runtime';
import { readSeedDistrict } from '../prisma/seed/index.js';
import { REPO_ROOT, stopServices, waitForHttp, type ServiceProcess } from './lib/run.js';
import { buildConsole, generatePrismaClient, prepareDatabase, provisionServices, readSimulatorPort, startStack, type Services } from './lib/stack.js';

const port = Number(process.env.PORT || 3000);
/** Each process's full log; the terminal shows warnings, errors and the banner (LOG_LEVEL=info for more). */
const LOG_DIR = join(REPO_ROOT, '.data/logs');
const demoPassword = process.env.DEMO_PASSWORD || 'yixian-demo';

/** The first administrator the seed just created (then the file is gone: the password is shown once). */
function readInitialAdmin(path: string): { username: string; oneTimePassword: string } | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { username: string; oneTimePassword: string };
  } finally {
    rmSync(path, { force: true });
  }
}
let services: Services | undefined;
let processes: ServiceProcess[] = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping Yixian …');
    await stopServices(processes);
    await services?.stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const simulatorPort = readSimulatorPort(process.env);
  services = await provisionServices(join(REPO_ROOT, '.data'));
  console.log('PostgreSQL and Redis ready.');
  await generatePrismaClient();
  const initialAdminFile = join(REPO_ROOT, '.data', 'initial-admin.json');
  await prepareDatabase(services.databaseUrl, services.appDatabaseUrl, { bulk: process.env.SEED_BULK === '1', initialAdminFile });
  const initialAdmin = readInitialAdmin(initialAdminFile);
  if (readMode(process.env) === 'production') {
    // The same checks the API, worker and bridge run: refuse before starting anything, saying why.
    const { loadConfig } = await import('../apps/api/src/config/config.js');
    const { findProductionProblems } = await import('../apps/api/src/config/production-checks.js');
    const config = loadConfig({ ...process.env, DATABASE_URL: services.appDatabaseUrl, REDIS_URL: services.redisUrl, CONSOLE_DIST: 'none' });
    refuseOnProblems('npm start', await findProductionProblems(config, process.env));
  }
  await buildConsole();
  processes = await startStack({
    databaseUrl: services.appDatabaseUrl,
    redisUrl: services.redisUrl,
    port,
    simulatorPort,
    demoCallsPerHour: Number(process.env.DEMO_CALLS_PER_HOUR || 120),
    logDir: LOG_DIR,
  });
  for (const service of processes) {
    void service.exited.then((code) => {
      if (!stopping) {
        console.error(`${service.name} exited (code ${code}); stopping.`);
        void stop(1);
      }
    });
  }
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, (status, body) => status === 200 && body.includes('"status":"ok"'), 180_000);
  const accounts = ['demo-agent', 'demo-lead', 'demo-dispatcher', 'demo-dept', 'demo-street', 'demo-grid', 'demo-commander', 'demo-admin', 'demo-auditor', 'demo-kb'];
  const demo = readMode(process.env) !== 'production' && readSeedDistrict(process.env) === 'wangcheng';
  const accountLines = [
    ...(demo ? [`  Demo accounts (password: ${demoPassword}):`, `    ${accounts.join(', ')}`, ''] : []),
    ...(initialAdmin
      ? [`  First administrator:      ${initialAdmin.username} / ${initialAdmin.oneTimePassword}   (one-time: choose your own at the first sign-in; shown only now)`, '']
      : []),
  ];
  console.log(`
  Yixian (一线) is running:  http://127.0.0.1:${port}/
  API documentation:        http://127.0.0.1:${port}/api/docs
  PBX:                      ${process.env.AMI_URL ? 'Asterisk at AMI_URL' : 'built-in simulator with demo calls'}
  Logs:                     .data/logs/ (api.log, worker.log, bridge.log${process.env.AMI_URL ? '' : ', pbx-sim.log'}); warnings and errors also here

${accountLines.join('\n')}
  Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(`Start failed: ${(error as Error).message}`);
  await stop(1);
}
