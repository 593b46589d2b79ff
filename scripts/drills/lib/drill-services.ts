/**
 * A drill's own data: a fresh migrated and seeded database and a private Redis prefix on the
 * servers of TEST_DATABASE_URL / TEST_REDIS_URL (else DATABASE_URL / REDIS_URL, else loopback
 * defaults), and the API's config for them. Drills that stop a server start their own instead
 * (`private-servers.ts`).
 */
import { createRedisPrefix, createTestDatabase } from '@yixian/db/testing';
import type { PrismaClient } from '@yixian/db';
import { seedDatabase } from '../../../prisma/seed/index.js';
import { loadConfig, type AppConfig } from '../../../apps/api/src/config/config.js';

/** The demo accounts' password in every drill database. */
export const DRILL_PASSWORD = 'drill-password-1';

export interface DrillData {
  databaseUrl: string;
  redisUrl: string;
  /** Ends with ':' like REDIS_PREFIX. */
  redisPrefix: string;
  prisma: PrismaClient;
  config: AppConfig;
  /** Environment for the api, worker and bridge processes. */
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** Environment for the product's processes, on these servers; nothing inherited but PATH and HOME. */
export function processEnv(databaseUrl: string, redisUrl: string, redisPrefix: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    CONSOLE_DIST: 'none',
    LOG_LEVEL: 'warn',
    // Every drill client signs in from 127.0.0.1; the per-address limit is not what they test.
    LOGIN_RATE_LIMIT: '10000',
    ...extra,
  };
}

export async function createDrillData(extraEnv: NodeJS.ProcessEnv = {}): Promise<DrillData> {
  const db = await createTestDatabase();
  await seedDatabase(db.prisma, { password: DRILL_PASSWORD });
  const redis = createRedisPrefix();
  const redisPrefix = `${redis.prefix}:`;
  const env = processEnv(db.url, redis.url, redisPrefix, extraEnv);
  return {
    databaseUrl: db.url,
    redisUrl: redis.url,
    redisPrefix,
    prisma: db.prisma,
    config: loadConfig(env as Record<string, string>),
    env,
    async cleanup() {
      await redis.cleanup().catch(() => 0);
      await db.drop();
    },
  };
}
