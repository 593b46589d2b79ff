/**
 * Private PostgreSQL and Redis for the drills that stop them: started from temporary data
 * folders (never the machine's shared servers), reached through a TCP proxy so that a restarted
 * server on another port keeps the clients' address.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient } from '@yixian/db';
import { applyMigrations } from '@yixian/db/migrate';
import { ensurePostgres, ensureRedis, type ProvisionedService } from '@yixian/db/provision';
import { grantAppRoleByUrl } from '@yixian/db/roles';
import { seedDatabase } from '../../../prisma/seed/index.js';
import { loadConfig } from '../../../apps/api/src/config/config.js';
import { DRILL_PASSWORD, processEnv, type DrillData } from './drill-services.js';
import { createTcpProxy, type TcpProxy } from './tcp-proxy.js';

const portOf = (url: string) => Number(new URL(url).port);

export interface PrivateServer {
  /** The URL clients use (through the proxy). */
  url: string;
  /** PostgreSQL: the app role's URL, through the same proxy. */
  appUrl?: string;
  proxy: TcpProxy;
  stop(): Promise<void>;
  /** Starts it again from the same data folder and points the proxy at it. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

function makeDataDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `yixian-drill-${name}-`));
  chmodSync(dir, 0o755); // the postgres OS user must be able to enter it
  return dir;
}

async function wrap(name: string, launch: (dataDir: string) => Promise<ProvisionedService & { appUrl?: string }>): Promise<PrivateServer> {
  const dataDir = makeDataDir(name);
  let service = await launch(dataDir);
  const proxy = await createTcpProxy(portOf(service.url));
  const throughProxy = (raw: string) => {
    const url = new URL(raw);
    url.port = String(proxy.port);
    return url.href.replace(/\/$/, '');
  };
  let running = true;
  return {
    url: throughProxy(service.url),
    ...(service.appUrl ? { appUrl: throughProxy(service.appUrl) } : {}),
    proxy,
    async stop() {
      await service.stop();
      running = false;
    },
    async start() {
      service = await launch(dataDir);
      proxy.retarget(portOf(service.url));
      running = true;
    },
    async dispose() {
      if (running) await service.stop().catch(() => undefined);
      await proxy.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const startPrivatePostgres = () => wrap('pg', (dataDir) => ensurePostgres({ dataDir, ignoreEnv: true }));
export const startPrivateRedis = () => wrap('redis', (dataDir) => ensureRedis({ dataDir, ignoreEnv: true, allowInstall: false }));

/**
 * Drill data on given servers: migrated and seeded as the owner (`ownerUrl`), with the API's config
 * for them; the app runs as `appUrl`'s role (granted here) when given, else as the owner.
 */
export async function createDrillDataOn(ownerUrl: string, redisUrl: string, extraEnv: NodeJS.ProcessEnv = {}, appUrl?: string): Promise<DrillData> {
  await applyMigrations(ownerUrl);
  if (appUrl) await grantAppRoleByUrl(ownerUrl, appUrl);
  const databaseUrl = appUrl ?? ownerUrl;
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 5 });
  await seedDatabase(prisma, { password: DRILL_PASSWORD });
  const redisPrefix = `drill-${Date.now()}:`;
  const env = processEnv(databaseUrl, redisUrl, redisPrefix, extraEnv);
  return {
    databaseUrl, redisUrl, redisPrefix, prisma, env,
    config: loadConfig(env as Record<string, string>),
    async cleanup() {
      await prisma.$disconnect().catch(() => undefined);
    },
  };
}
