/**
 * Builds the whole API on a fresh database (migrated and seeded) and a private Redis prefix,
 * with a clock the test moves. Every test file gets its own; `close()` drops both.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createRedisPrefix, createTestDatabase } from '@yixian/db/testing';
import { seedDatabase, type SeedDistrict } from '../../../../prisma/seed/index.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createManualClock, type ManualClock } from '../../src/lib/clock.js';

export const TEST_PASSWORD = 'test-password-1';
/** A Monday inside office hours in Asia/Shanghai (10:00 local). */
export const TEST_START = new Date('2026-03-02T02:00:00Z');

export interface TestApp {
  app: FastifyInstance;
  clock: ManualClock;
  prisma: FastifyInstance['prisma'];
  /** The test database as its owner (the migrations' role), for what the app's role may not do. */
  ownerUrl: string;
  redisPrefix: string;
  /** With `district: 'none'`: the first administrator and its one-time password. */
  initialAdmin: { username: string; oneTimePassword: string } | null;
  close(): Promise<void>;
}

/** A clock on real time that a test can still move (for suites against a real PBX, whose times are real). */
function realTimeClock(): ManualClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set: (at) => { offsetMs = at.getTime() - Date.now(); },
    advance: (ms) => { offsetMs += ms; },
  };
}

export async function createTestApp(
  env: Record<string, string> = {},
  options: { realTime?: boolean; district?: SeedDistrict } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const { initialAdmin } = await seedDatabase(db.prisma, { password: TEST_PASSWORD, district: options.district ?? 'wangcheng' });
  const redis = createRedisPrefix();
  const clock = options.realTime ? realTimeClock() : createManualClock(TEST_START);
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `${redis.prefix}:`,
    CONSOLE_DIST: 'none',
    LOG_LEVEL: process.env.TEST_API_LOG === '1' ? 'error' : 'silent',
    // Every test signs in from 127.0.0.1; auth.test.ts sets the per-address limit it tests.
    LOGIN_RATE_LIMIT: '10000',
    ...env,
  });
  const app = await buildApp({ config, clock, logger: process.env.TEST_API_LOG === '1' });
  await app.ready();
  return {
    app,
    clock,
    prisma: app.prisma,
    ownerUrl: db.ownerUrl,
    redisPrefix: `${redis.prefix}:`,
    initialAdmin,
    async close() {
      await app.close();
      await redis.cleanup();
      await db.drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request in this session. */
  headers: Record<string, string>;
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const setCookie = response.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return first.split(';')[0]!;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = cookieFrom(response);
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
