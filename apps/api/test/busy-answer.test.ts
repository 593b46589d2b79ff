/**
 * More load than the database pool serves (the ticket benchmark's open loop at 150 requests/s)
 * is answered 503 with Retry-After saying the centre is busy, not that a dependency is down; a
 * database that cannot be reached still says a dependency is unavailable. Real PostgreSQL and a
 * real Prisma client with one connection, held by a transaction while another asks for one.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, Prisma, queryRows, type PrismaClient } from '@yixian/db';
import { createTestDatabase, type TestDatabase } from '@yixian/db/testing';
import errorsPlugin from '../src/plugins/errors.js';

let db: TestDatabase;
let oneConnection: PrismaClient;
let unreachable: PrismaClient;
let slow: PrismaClient;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase();
  oneConnection = createPrismaClient(db.url, { maxConnections: 1 });
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  unreachable = createPrismaClient('postgresql://postgres@127.0.0.1:1/none');
  app = Fastify({ logger: false });
  await app.register(errorsPlugin);
  app.get('/transaction', async () => oneConnection.$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 200 }));
  app.get('/unreachable', async () => unreachable.$queryRaw`SELECT 1`);
  // The hot path's statements run straight on the pool (queryRows): pg's errors, not Prisma's.
  app.get('/unreachable-direct', async () => queryRows(unreachable, Prisma.sql`SELECT 1::int AS one`));
  const slowUrl = new URL(db.url);
  slowUrl.searchParams.set('application_name', 'busy_answer_slow');
  slow = createPrismaClient(slowUrl.href);
  app.get('/slow-direct', async () => queryRows(slow, Prisma.sql`SELECT pg_sleep(30)::text AS slept`));
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await oneConnection?.$disconnect();
  await unreachable?.$disconnect();
  await slow?.$disconnect();
  await db?.drop();
});

describe('an answer under overload', () => {
  it('is 503 with Retry-After saying the centre is busy when no connection frees within the wait', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => { holding = resolve; });
    // The pool's only connection stays in this transaction until the answer below is in.
    const holder = oneConnection.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      holding();
      await released;
    }, { timeout: 30_000 });
    await held;
    try {
      const res = await app.inject({ method: 'GET', url: '/transaction' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toEqual({ statusCode: 503, code: 'service_unavailable', message: 'The centre is busy; try again in a moment' });
    } finally {
      release();
      await holder;
    }
    // With the connection back, the same route answers.
    expect((await app.inject({ method: 'GET', url: '/transaction' })).statusCode).toBe(200);
  });

  it('still says a dependency is unavailable, without Retry-After, when the database cannot be reached', async () => {
    const res = await app.inject({ method: 'GET', url: '/unreachable' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json()).toMatchObject({ code: 'service_unavailable', message: expect.stringMatching(/depends on is unavailable/) });
  });

  it('says a dependency is unavailable when a statement run straight on the pool cannot reach the database', async () => {
    const res = await app.inject({ method: 'GET', url: '/unreachable-direct' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'service_unavailable', message: expect.stringMatching(/depends on is unavailable/) });
  });

  it('says a dependency is unavailable when the server ends a statement run straight on the pool (57P01, as on a shutdown)', async () => {
    const admin = new pg.Client({ connectionString: db.ownerUrl });
    await admin.connect();
    try {
      const answer = app.inject({ method: 'GET', url: '/slow-direct' });
      // The statement is running once its backend shows it (a few reads of pg_stat_activity).
      const deadline = Date.now() + 10_000;
      let terminated = 0;
      while (terminated === 0 && Date.now() < deadline) {
        terminated = (await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'busy_answer_slow' AND state = 'active' AND query LIKE '%pg_sleep%'`)).rowCount ?? 0;
      }
      expect(terminated).toBe(1);
      const res = await answer;
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'service_unavailable' });
    } finally {
      await admin.end();
    }
  });
});
