/**
 * The start command (`npm start`): services, database, console and every process.
 * PostgreSQL and Redis come from DATABASE_URL / REDIS_URL, or are started privately under
 * .data/; the PBX is the built-in simulator unless AMI_URL names a real Asterisk.
 * Ctrl-C stops everything this command started; the next start reuses the data.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readMode, refuseOnProblems } from '@yixian/runtime';
import { readSeedDistrict } from '../prisma/seed/seed-district.js';
import { REPO_ROOT, stopServices, waitForHttp } from './lib/run.js';
import { buildConsole, generatePrismaClient, prepareDatabase, provisionServices, readProcessCount, readSimulatorPort, startStack, type Services, type Stack, type StackProcess } from './lib/stack.js';

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
/** "2 API copies behind the proxy on :3000, 3 workers, 1 bridge; a copy that dies is started again" */
function copiesLine(running: Stack): string {
  const api = running.apiCopies === 1 ? '1 API' : `${running.apiCopies} API copies behind the built-in proxy on :${port}`;
  const workers = running.workerCopies === 1 ? '1 worker' : `${running.workerCopies} workers`;
  const restart = running.apiCopies > 1 || running.workerCopies > 1 ? '; a copy that dies is started again (API_PROCESSES, WORKER_PROCESSES)' : '';
  return `${api}, ${workers}, 1 bridge${restart}`;
}

/** The log files, one per process and copy. */
function logNames(running: Stack): string {
  const names = running.map((service) => `${service.name}.log`);
  return names.length > 6 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', ');
}

let services: Services | undefined;
let processes: StackProcess[] = [];
let stack: Stack | undefined;
let stopping = false;

/** A copy that dies this many times within the window is not restarted again: everything stops. */
const RESTART_LIMIT = 5;
const RESTART_WINDOW_MS = 5 * 60_000;
const RESTART_DELAY_MS = 1_000;
const deaths = new Map<string, number[]>();

/**
 * With several copies of the api or worker, a copy that dies is started again (after 1 s, on the
 * same port) while the others carry on; one that keeps dying (5 times in 5 minutes) stops
 * everything, as any other process's exit does (a single api or worker, the bridge, the simulator).
 */
function watch(service: StackProcess): void {
  void service.exited.then((code) => {
    if (stopping) return;
    const isCopy = /^(api|worker)-\d+$/.test(service.name) && service.restart;
    const now = Date.now();
    const recent = [...(deaths.get(service.name) ?? []), now].filter((at) => now - at < RESTART_WINDOW_MS);
    deaths.set(service.name, recent);
    if (!isCopy || recent.length >= RESTART_LIMIT) {
      console.error(`${service.name} exited (code ${code})${isCopy ? `, the ${recent.length}th time in ${RESTART_WINDOW_MS / 60_000} minutes` : ''}; stopping.`);
      void stop(1);
      return;
    }
    console.error(`${service.name} exited (code ${code}); starting it again, the other copies carry on.`);
    setTimeout(() => {
      if (stopping) return;
      const again = service.restart!();
      processes[processes.indexOf(service)] = again;
      watch(again);
    }, RESTART_DELAY_MS);
  });
}

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping Yixian …');
    await stack?.proxy?.close();
    await stopServices(processes);
    await services?.stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const simulatorPort = readSimulatorPort(process.env);
  // Checked before anything starts, so a wrong count is said at once.
  readProcessCount(process.env, 'API_PROCESSES');
  readProcessCount(process.env, 'WORKER_PROCESSES');
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
  stack = await startStack({
    databaseUrl: services.appDatabaseUrl,
    redisUrl: services.redisUrl,
    port,
    simulatorPort,
    demoCallsPerHour: Number(process.env.DEMO_CALLS_PER_HOUR || 120),
    logDir: LOG_DIR,
  });
  processes = [...stack];
  for (const service of processes) watch(service);
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
  Processes:                ${copiesLine(stack)}
  Logs:                     .data/logs/ (${logNames(stack)}); warnings and errors also here

${accountLines.join('\n')}
  Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(`Start failed: ${(error as Error).message}`);
  await stop(1);
}
