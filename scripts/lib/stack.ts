/**
 * The steps both commands share: services (PostgreSQL, Redis), the Prisma client, migrations,
 * seed, the console build, and the processes of a running centre (api, worker, bridge and,
 * without AMI_URL, the PBX simulator), the api and worker as several copies when asked.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  REPO_ROOT, SERVER_NODE_FLAGS, findFreePort, mustRun, nodeTsArgs, startService, stopServices, type ServiceOptions, type ServiceProcess,
} from './run.js';
import { startApiProxy, type ApiProxy } from './api-proxy.js';
import { readTrustProxy } from '../../apps/api/src/config/read-edges.js';

const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
/**
 * pnpm for the console build: PNPM (set by scripts/bootstrap.sh), else the copy the bootstrap
 * fetched into .data/tools, else `pnpm` on PATH — so `npm run bench`, `npm run e2e` work on a
 * machine with only node and npm once `npm start` or `npm test` has run once.
 */
const BOOTSTRAP_PNPM = join(REPO_ROOT, '.data/tools/node_modules/.bin/pnpm');
const PNPM = process.env.PNPM || (existsSync(BOOTSTRAP_PNPM) ? BOOTSTRAP_PNPM : 'pnpm');

export interface Services {
  /** The tables' owner (migrations, grants; the test command's server for its own databases). */
  databaseUrl: string;
  /** The app's own role on the same database: what the api, worker and bridge log in as. */
  appDatabaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

/**
 * As root, the embedded PostgreSQL runs as the `postgres` user, which must be able to pass through
 * every folder above the checkout (its binaries and data live inside it). A checkout in a private
 * folder (mode 0700, e.g. from mktemp -d) gets the traverse bit added (o+x: no listing, no reading).
 */
function openPathForPostgres(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      chmodSync(dir, statSync(dir).mode | 0o001);
      console.log(`Let the postgres user pass through ${dir} (chmod o+x)`);
    }
  }
}

/** PostgreSQL and Redis: those in DATABASE_URL/REDIS_URL, or private ones under `dataDir`. */
export async function provisionServices(dataDir: string): Promise<Services> {
  const { ensurePostgres, ensureRedis } = await import('../../packages/db/src/provision/index.js');
  openPathForPostgres(dataDir);
  const postgres = await ensurePostgres({ dataDir });
  try {
    const redis = await ensureRedis({ dataDir });
    return {
      databaseUrl: postgres.url,
      appDatabaseUrl: postgres.appUrl,
      redisUrl: redis.url,
      async stop() {
        await redis.stop();
        await postgres.stop();
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

/** Drops a database made for one run (the e2e stack's). */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Generates the Prisma client (offline; git-ignored output). */
export async function generatePrismaClient(): Promise<void> {
  await mustRun('prisma generate', TSX, ['scripts/db/generate.ts']);
}

/**
 * Applies pending migrations as the owner (`ownerUrl`), gives the app's role (`appUrl`) its grants,
 * and seeds (idempotent). A first administrator created by the seed is written to `initialAdminFile`.
 */
export async function prepareDatabase(
  ownerUrl: string,
  appUrl: string,
  options: { bulk?: boolean; initialAdminFile?: string; district?: 'wangcheng' | 'none' } = {},
): Promise<void> {
  await mustRun('migrations', TSX, ['scripts/db/migrate-deploy.ts'], { env: { ...process.env, MIGRATE_DATABASE_URL: ownerUrl, DATABASE_URL: appUrl } });
  await mustRun('seed', TSX, ['prisma/seed/index.ts', ...(options.bulk ? ['--bulk'] : [])], {
    env: {
      ...process.env, DATABASE_URL: ownerUrl,
      ...(options.initialAdminFile ? { SEED_INITIAL_ADMIN_FILE: options.initialAdminFile } : {}),
      ...(options.district ? { SEED_DISTRICT: options.district } : {}),
    },
  });
}

function hashTree(hash: ReturnType<typeof createHash>, path: string): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path).sort()) if (entry !== 'node_modules' && entry !== 'dist') hashTree(hash, join(path, entry));
  } else {
    hash.update(path).update(readFileSync(path));
  }
}

/** Builds the console unless the last build came from the same sources. */
export async function buildConsole(): Promise<void> {
  const hash = createHash('sha256');
  for (const part of ['apps/console/src', 'apps/console/index.html', 'apps/console/mobile.html', 'apps/console/build', 'apps/console/vite.config.ts', 'apps/console/package.json', 'apps/console/public', 'packages/domain/src']) {
    hashTree(hash, join(REPO_ROOT, part));
  }
  const digest = hash.digest('hex');
  const marker = join(REPO_ROOT, 'apps/console/dist/.source-hash');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) {
    console.log('Console build is up to date.');
    return;
  }
  await mustRun('console build', PNPM, ['-F', '@yixian/console', 'build']);
  writeFileSync(marker, digest);
}

export interface StackOptions {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  redisPrefix?: string;
  /** Calls per hour the simulator generates; 0 = only calls placed on purpose. */
  demoCallsPerHour?: number;
  /** The simulator's AMI port (0 = any free one); default SIMULATOR_PORT, else 15038. */
  simulatorPort?: number;
  extraEnv?: NodeJS.ProcessEnv;
  /** Quiet terminal: each process's full log in `<logDir>/<name>.log` (see startService). */
  logDir?: string;
}

export const DEFAULT_SIMULATOR_PORT = 15038;

/**
 * SIMULATOR_PORT: the AMI port of the built-in PBX simulator (used without AMI_URL); 0 = any free
 * port, which the simulator reports and the bridge is then given. Two stacks on one machine need
 * different ports (or 0). Throws an error naming the variable when it is not a port number.
 */
export function readSimulatorPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SIMULATOR_PORT;
  if (raw === undefined || raw.trim() === '') return DEFAULT_SIMULATOR_PORT;
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new Error(`SIMULATOR_PORT must be a TCP port from 0 to 65535 (0 = any free port), got ${JSON.stringify(raw)}`);
  }
  return port;
}

/**
 * Resolves with the port the simulator process listens on, read from its start line
 * ("PBX simulator: AMI on 127.0.0.1:<port>, …"); rejects if it exits first or stays silent.
 */
function waitForSimulatorPort(service: ServiceProcess, requested: number, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(`the PBX simulator did not report its port within ${timeoutMs / 1000} s`), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      const match = /PBX simulator: AMI on [^\s]+:(\d+)/.exec(seen);
      if (!match) return;
      cleanup();
      resolve(Number(match[1]));
    };
    const onExit = (code: number | null) => fail(`the PBX simulator exited (code ${code}) before listening on port ${requested}${requested === 0 ? '' : ': is it taken? Set SIMULATOR_PORT to a free port, or 0 for any free one'}`);
    function cleanup() {
      clearTimeout(timer);
      service.child.stdout?.off('data', onData);
      service.child.off('exit', onExit);
    }
    function fail(message: string) {
      cleanup();
      reject(new Error(message));
    }
    service.child.stdout?.on('data', onData);
    service.child.once('exit', onExit);
  });
}

/**
 * Starts the PBX simulator process (the bridge's user `yixian`, console agents answering by hand)
 * and resolves once it listens, with the AMI URL of the port it reports (port 0 = any free one).
 */
export async function startSimulator(port: number, demoCallsPerHour: number | undefined, env: NodeJS.ProcessEnv, serviceOptions: ServiceOptions = {}): Promise<{ service: ServiceProcess; port: number; amiUrl: string }> {
  const secret = 'yixian-simulator';
  const service = startService('pbx-sim', ...nodeTsArgs('packages/ami/src/simulator/cli.ts', [
    '--port', String(port), '--host', '127.0.0.1',
    '--username', 'yixian', '--secret', secret, '--human-agents', '--demo-roster',
    ...(demoCallsPerHour === 0 ? [] : ['--rate', String(demoCallsPerHour ?? 120)]),
  ]), env, serviceOptions);
  const bound = await waitForSimulatorPort(service, port).catch(async (error: unknown) => {
    await stopServices([service], 5_000);
    throw error;
  });
  return { service, port: bound, amiUrl: `ami://yixian:${secret}@127.0.0.1:${bound}` };
}

/** Most copies of one process the start command runs (API_PROCESSES, WORKER_PROCESSES). */
export const MAX_PROCESS_COPIES = 64;

/**
 * API_PROCESSES / WORKER_PROCESSES: how many copies of the api or the worker to run (default 1,
 * at most 64). Throws an error naming the variable when it is not a whole number in that range.
 */
export function readProcessCount(env: NodeJS.ProcessEnv, name: 'API_PROCESSES' | 'WORKER_PROCESSES'): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return 1;
  const count = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(count >= 1 && count <= MAX_PROCESS_COPIES)) {
    throw new Error(`${name} must be a whole number from 1 to ${MAX_PROCESS_COPIES} (how many copies to run), got ${JSON.stringify(raw)}`);
  }
  return count;
}

/** A process of the stack; a copy of the api or worker can be started again in its place. */
export interface StackProcess extends ServiceProcess {
  /** Starts the same copy again (same name, port and log), for a supervisor whose copy died. */
  restart?: () => StackProcess;
}

export type Stack = StackProcess[] & {
  amiUrl?: string;
  /** In front of the API copies when there are several. */
  proxy?: ApiProxy;
  apiCopies: number;
  workerCopies: number;
};

/** Starts an API or worker copy that can be started again: the same command, name and environment. */
function startCopy(name: string, script: string, env: NodeJS.ProcessEnv, options: ServiceOptions): StackProcess {
  const service: StackProcess = startService(name, ...nodeTsArgs(script, [], SERVER_NODE_FLAGS), env, options);
  service.restart = () => startCopy(name, script, env, options);
  return service;
}

/**
 * Starts the API copies: one on PORT as before, or several on free loopback ports behind the
 * proxy on PORT (api-proxy.ts), each trusting the proxy's X-Forwarded-For. Each copy logs to
 * its own file (`api-1.log`, …).
 */
export async function startApiCopies(count: number, env: NodeJS.ProcessEnv, options: ServiceOptions): Promise<{ copies: StackProcess[]; proxy?: ApiProxy }> {
  const script = 'apps/api/src/server.ts';
  if (count === 1) return { copies: [startCopy('api', script, env, options)] };
  const trustProxy = readTrustProxy(env);
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await findFreePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const copyEnv = (port: number): NodeJS.ProcessEnv => ({ ...env, HOST: '127.0.0.1', PORT: String(port), TRUST_PROXY: [...trustProxy, '127.0.0.1'].join(',') });
  const copies = ports.map((port, index) => startCopy(`api-${index + 1}`, script, copyEnv(port), options));
  try {
    const proxy = await startApiProxy({ host: env.HOST || '127.0.0.1', port: Number(env.PORT || 3000), upstreams: ports, trustProxy });
    return { copies, proxy };
  } catch (error) {
    await stopServices(copies, 5_000);
    throw error;
  }
}

/**
 * Starts the processes of a running centre. The simulator stands in for Asterisk when AMI_URL is
 * unset; the bridge starts once the simulator listens, on the port it reports. API_PROCESSES and
 * WORKER_PROCESSES (read from `extraEnv`, else this process's environment) give the copies.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    PORT: String(options.port),
    ...(options.redisPrefix ? { REDIS_PREFIX: options.redisPrefix } : {}),
    ...options.extraEnv,
  };
  const apiCopies = readProcessCount(env, 'API_PROCESSES');
  const workerCopies = readProcessCount(env, 'WORKER_PROCESSES');
  const services = Object.assign([] as StackProcess[], { apiCopies, workerCopies }) as Stack;
  const serviceOptions = { logDir: options.logDir };
  if (!env.AMI_URL) {
    const simulator = await startSimulator(options.simulatorPort ?? readSimulatorPort(env), options.demoCallsPerHour, env, serviceOptions);
    services.push(simulator.service);
    env.AMI_URL = simulator.amiUrl;
    // The simulator's agent phones are Local channels in its [agents] context.
    env.AGENT_INTERFACE_TEMPLATE ??= 'Local/{extension}@agents/n';
    services.amiUrl = env.AMI_URL;
  }
  try {
    const api = await startApiCopies(apiCopies, env, serviceOptions);
    services.push(...api.copies);
    services.proxy = api.proxy;
  } catch (error) {
    await stopServices(services, 5_000);
    throw error;
  }
  for (let i = 1; i <= workerCopies; i++) {
    services.push(startCopy(workerCopies === 1 ? 'worker' : `worker-${i}`, 'apps/api/src/worker.ts', env, serviceOptions));
  }
  services.push(startService('bridge', ...nodeTsArgs('apps/bridge/src/main.ts'), env, serviceOptions));
  return services;
}
