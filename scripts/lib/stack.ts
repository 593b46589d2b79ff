/**
 * The steps both commands share: services (PostgreSQL, Redis), the Prisma client, migrations,
 * seed, the console build, and the processes of a running centre (api, worker, bridge and,
 * without AMI_URL, the PBX simulator).
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT, mustRun, nodeTsArgs, startService, type ServiceProcess } from './run.js';

const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const PNPM = process.env.PNPM || 'pnpm';

export interface Services {
  databaseUrl: string;
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

/** Applies pending migrations and the seed (idempotent) to the database. */
export async function prepareDatabase(databaseUrl: string, options: { bulk?: boolean } = {}): Promise<void> {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  await mustRun('migrations', TSX, ['scripts/db/migrate-deploy.ts'], { env });
  await mustRun('seed', TSX, ['prisma/seed/index.ts', ...(options.bulk ? ['--bulk'] : [])], { env });
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
  for (const part of ['apps/console/src', 'apps/console/index.html', 'apps/console/vite.config.ts', 'apps/console/package.json', 'apps/console/public', 'packages/domain/src']) {
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
  simulatorPort?: number;
  extraEnv?: NodeJS.ProcessEnv;
}

/** Starts the processes of a running centre. The simulator stands in for Asterisk when AMI_URL is unset. */
export function startStack(options: StackOptions): ServiceProcess[] & { amiUrl?: string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    PORT: String(options.port),
    ...(options.redisPrefix ? { REDIS_PREFIX: options.redisPrefix } : {}),
    ...options.extraEnv,
  };
  const services: ServiceProcess[] & { amiUrl?: string } = [];
  if (!env.AMI_URL) {
    const simulatorPort = options.simulatorPort ?? 15038;
    const secret = 'yixian-simulator';
    services.push(
      startService('pbx-sim', ...nodeTsArgs('packages/ami/src/simulator/cli.ts', [
        '--port', String(simulatorPort), '--host', '127.0.0.1',
        '--username', 'yixian', '--secret', secret, '--human-agents',
        ...(options.demoCallsPerHour === 0 ? [] : ['--rate', String(options.demoCallsPerHour ?? 120)]),
      ]), env),
    );
    env.AMI_URL = `ami://yixian:${secret}@127.0.0.1:${simulatorPort}`;
    // The simulator's agent phones are Local channels in its [agents] context.
    env.AGENT_INTERFACE_TEMPLATE ??= 'Local/{extension}@agents/n';
    services.amiUrl = env.AMI_URL;
  }
  services.push(startService('api', ...nodeTsArgs('apps/api/src/server.ts'), env));
  services.push(startService('worker', ...nodeTsArgs('apps/api/src/worker.ts'), env));
  services.push(startService('bridge', ...nodeTsArgs('apps/bridge/src/main.ts'), env));
  return services;
}
