/**
 * PostgreSQL and Redis for one benchmark: a fresh migrated (and optionally seeded) database and
 * a private Redis prefix on the servers of TEST_DATABASE_URL / TEST_REDIS_URL (else
 * DATABASE_URL / REDIS_URL, else loopback defaults). Everything is dropped afterwards.
 */
import { createRedisPrefix, createTestDatabase } from '@yixian/db/testing';
import type { PrismaClient } from '@yixian/db';

export const BENCH_PASSWORD = 'bench-password-1';

export interface BenchDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

export interface BenchRedis {
  url: string;
  /** Deployment prefix with its trailing ':' (REDIS_PREFIX of the processes under test). */
  prefix: string;
  cleanup(): Promise<void>;
}

/** Loads only loopback URLs: benchmarks never send load off the machine. */
export function assertLoopback(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`${what} must be on loopback (127.0.0.1) for a benchmark, got host "${host}"`);
  }
}

/** A fresh database from the migrated template; `seed` adds the demo catalogue, units and users. */
export async function createBenchDatabase(options: { seed?: boolean } = {}): Promise<BenchDatabase> {
  const db = await createTestDatabase();
  assertLoopback(db.url, 'the database');
  if (options.seed) {
    const { seedDatabase } = await import('../../../prisma/seed/index.js');
    await seedDatabase(db.prisma, { password: BENCH_PASSWORD });
  }
  return { url: db.url, prisma: db.prisma, drop: () => db.drop() };
}

/** A private Redis key prefix (`bench…:`), deleted by cleanup(). */
export function createBenchRedis(): BenchRedis {
  const redis = createRedisPrefix();
  assertLoopback(redis.url, 'Redis');
  return { url: redis.url, prefix: `${redis.prefix}:`, cleanup: async () => { await redis.cleanup(); } };
}
