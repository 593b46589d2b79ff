/**
 * DATABASE_REPLICA_URL on a real streaming replica (a private PostgreSQL primary and hot standby):
 * the statistics read the replica — a call recorded on the primary while the standby's replay is
 * paused is missing from the figures until replay resumes — while a ticket is readable right
 * after its own write (the primary), and without a replica the same figures read the primary.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@yixian/db';
import { applyMigrations } from '@yixian/db/migrate';
import { createRedisPrefix, type RedisPrefix } from '@yixian/db/testing';
import { seedDatabase } from '../../../prisma/seed/index.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createManualClock } from '../src/lib/clock.js';
import { recordCallRollup } from '../src/modules/statistics/call-rollup.js';
import { randomPhone } from './helpers/factories.js';
import { startStreamingReplica, type StreamingReplica } from './helpers/pg-streaming-replica.js';
import { login, TEST_PASSWORD, TEST_START, type Session } from './helpers/test-app.js';

// The Shanghai day of TEST_START.
const FROM = '2026-03-01T16:00:00.000Z';
const TO = '2026-03-02T16:00:00.000Z';

let replica: StreamingReplica;
let redis: RedisPrefix;
let prisma: PrismaClient;
let withReplica: FastifyInstance;
let primaryOnly: FastifyInstance;

async function startApp(env: Record<string, string>): Promise<FastifyInstance> {
  const config = loadConfig({
    DATABASE_URL: replica.primaryUrl, REDIS_URL: redis.url, REDIS_PREFIX: `${redis.prefix}:`, CONSOLE_DIST: 'none', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10000', ...env,
  });
  const app = await buildApp({ config, clock: createManualClock(TEST_START), logger: false });
  await app.ready();
  return app;
}

beforeAll(async () => {
  replica = await startStreamingReplica('yixian');
  await applyMigrations(replica.primaryUrl);
  prisma = createPrismaClient(replica.primaryUrl, { maxConnections: 4 });
  await seedDatabase(prisma, { password: TEST_PASSWORD });
  redis = createRedisPrefix();
  withReplica = await startApp({ DATABASE_REPLICA_URL: replica.standbyUrl });
  primaryOnly = await startApp({});
}, 120_000);

afterAll(async () => {
  await withReplica?.close();
  await primaryOnly?.close();
  await prisma?.$disconnect();
  await redis?.cleanup();
  await replica?.dispose();
});

/** A call that ended on the primary, counted in the hourly rollup as the worker does. */
async function recordEndedCall(): Promise<void> {
  const call = await prisma.call.create({
    data: {
      linkedid: randomUUID(), hotlineNumber: '12345', callerNumber: randomPhone(), state: 'completed', enteredAt: TEST_START,
      answeredAt: new Date(TEST_START.getTime() + 5_000), endedAt: new Date(TEST_START.getTime() + 65_000), waitSeconds: 5, talkSeconds: 60,
    },
  });
  await recordCallRollup(prisma, call);
}

async function offeredCalls(app: FastifyInstance, session: Session): Promise<number> {
  const response = await app.inject({ url: `/api/statistics/calls?from=${FROM}&to=${TO}&groupBy=hotline`, headers: session.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ total: { offered: number } }>().total.offered;
}

async function ticketsOnStandby(id: string): Promise<number> {
  const client = new pg.Client({ connectionString: replica.standbyUrl });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "ticket" WHERE "id" = $1', [id])).rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('DATABASE_REPLICA_URL', () => {
  it('serves the statistics from the replica and a ticket right after its write from the primary; without it the figures read the primary', async () => {
    const lead = await login(withReplica, 'demo-lead');
    const leadOnPrimary = await login(primaryOnly, 'demo-lead');
    const agent = await login(withReplica, 'demo-agent');
    await recordEndedCall();
    await replica.caughtUp();
    const before = await offeredCalls(withReplica, lead);
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await offeredCalls(primaryOnly, leadOnPrimary)).toBe(before);

    await replica.pauseReplay();
    await recordEndedCall();
    const created = await withReplica.inject({
      method: 'POST', url: '/api/tickets', headers: agent.headers,
      payload: { channel: 'web', categoryId: 'env.noise', title: '噪音', description: '夜间施工噪音', areaId: 's01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticketId = created.json<{ ticket: { id: string } }>().ticket.id;
    // Read at once through the same app: the primary has it, the paused standby does not.
    const read = await withReplica.inject({ url: `/api/tickets/${ticketId}`, headers: agent.headers });
    expect(read.statusCode, read.body).toBe(200);
    expect(await ticketsOnStandby(ticketId)).toBe(0);
    // The figures come from the standby, which has not replayed the new call; the primary has it.
    expect(await offeredCalls(withReplica, lead)).toBe(before);
    expect(await offeredCalls(primaryOnly, leadOnPrimary)).toBe(before + 1);

    await replica.resumeReplay();
    await replica.caughtUp();
    expect(await offeredCalls(withReplica, lead)).toBe(before + 1);
    expect(await ticketsOnStandby(ticketId)).toBe(1);
  }, 60_000);
});
