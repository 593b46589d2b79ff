/**
 * The transactional outbox on real PostgreSQL, Redis and BullMQ: a row written but never
 * dispatched (the process died after commit) is picked up by a fresh dispatcher; two
 * dispatchers racing hand each row over exactly once; a bad row names its fault and stays; a
 * batch's text messages go as one job, which a repeated hand-over of the same rows does not add again.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@yixian/db';
import type { Redis } from 'ioredis';
import { createRedis } from '@yixian/runtime';
import { createQueueProducer, type QueueProducer } from '../src/jobs/queue-producer.js';
import { planDeadlines } from '../src/modules/deadlines/plan-deadlines.js';
import { addManyToOutbox, addToOutbox } from '../src/modules/outbox/add-to-outbox.js';
import { smsBatchJobId } from '../src/modules/outbox/batch-sms-rows.js';
import {
  claimWaitingRowsSql, dispatchOutbox, firstWaitingRowSql, HAND_OVER_AHEAD_MS, type OutboxDispatcherDeps,
} from '../src/modules/outbox/dispatch-outbox.js';
import { createTestApp, TEST_START, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';

let t: TestApp;
let redis: Redis;
const producers: QueueProducer[] = [];
const clients: PrismaClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  redis = createRedis(t.app.config.redis, { waitForever: true });
  await redis.connect();
});
afterAll(async () => {
  await Promise.all(producers.map((p) => p.close()));
  await Promise.all(clients.map((c) => c.$disconnect()));
  await redis?.quit();
  await t?.close();
});

/** A dispatcher as a separate process would have it: its own database pool and producer. */
function freshDispatcher(): OutboxDispatcherDeps {
  const prisma = createPrismaClient(t.app.config.databaseUrl);
  const producer = createQueueProducer(redis, t.redisPrefix);
  clients.push(prisma);
  producers.push(producer);
  return { prisma, redis, redisPrefix: t.redisPrefix, clock: t.clock, producer };
}

/** The notifications jobs (waiting: no worker runs here) that carry any of these notification ids. */
async function smsJobsCarrying(deps: OutboxDispatcherDeps, notificationIds: readonly string[]) {
  const jobs = await deps.producer.get('notifications').getJobs(['waiting', 'delayed']);
  return jobs.filter((job) => (job.data as { notificationIds?: string[] }).notificationIds?.some((id) => notificationIds.includes(id)));
}

describe('outbox dispatcher', () => {
  it('schedules the job of a row committed by a process that died before enqueueing, once its time comes within reach', async () => {
    const ticket = await createTicket(t.prisma, { leadUnitId: 'dept-urban-management' });
    // The "crashed" writer: ticket change and outbox rows committed, no dispatcher ran.
    await t.prisma.$transaction((tx) => planDeadlines(tx, ticket, 'dispatched', TEST_START));
    const pending = await t.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: `ticket-${ticket.id}-` } }, orderBy: { runAt: 'asc' } });
    expect(pending).toHaveLength(4);
    expect(pending.every((row) => row.dispatchedAt === null)).toBe(true);
    expect(pending.every((row) => row.runAt!.getTime() - TEST_START.getTime() > HAND_OVER_AHEAD_MS)).toBe(true);

    const deps = freshDispatcher();
    const queue = deps.producer.get('ticket-deadlines');
    // Hours away: the steps wait in PostgreSQL, none is in Redis yet.
    expect((await dispatchOutbox(deps)).map(String)).not.toEqual(expect.arrayContaining([String(pending[0]!.id)]));
    expect(await queue.getJob(pending[0]!.dedupeKey)).toBeUndefined();
    try {
      for (const row of pending) {
        // Just out of reach: still waiting; just within it: handed over with its delay to the due time.
        t.clock.set(new Date(row.runAt!.getTime() - HAND_OVER_AHEAD_MS - 1_000));
        expect((await dispatchOutbox(deps)).map(String)).not.toContain(String(row.id));
        t.clock.set(new Date(row.runAt!.getTime() - HAND_OVER_AHEAD_MS + 1_000));
        expect((await dispatchOutbox(deps)).map(String)).toContain(String(row.id));
        const job = await queue.getJob(row.dedupeKey);
        expect(await job?.getState()).toBe('delayed');
        expect(job?.name).toBe('ticket.deadline.check');
        // Delay measured on the app clock, to the step's due time.
        expect(job?.opts.delay).toBe(HAND_OVER_AHEAD_MS - 1_000);
        expect(Object.keys(job!.data).sort()).toEqual(['deadlineVersion', 'dueAt', 'step', 'ticketId']);
        const after = await t.prisma.outbox.findUniqueOrThrow({ where: { id: row.id } });
        expect(after.dispatchedAt?.getTime()).toBe(t.clock.now().getTime());
      }
      expect(await dispatchOutbox(deps)).toEqual([]);
    } finally {
      t.clock.set(TEST_START);
    }
  });

  it('marks the steps of a plan replaced before they came within reach without putting them in Redis', async () => {
    const ticket = await createTicket(t.prisma, { leadUnitId: 'dept-urban-management' });
    await t.prisma.$transaction((tx) => planDeadlines(tx, ticket, 'dispatched', TEST_START));
    // Dispatched again at once: the same steps at the same times, under the next version.
    const planned = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await t.prisma.$transaction((tx) => planDeadlines(tx, planned, 'dispatched', TEST_START));
    const rows = await t.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: `ticket-${ticket.id}-` } }, orderBy: { runAt: 'asc' } });
    const step = (rows[0]!.payload as { step: string }).step;
    const old = rows.find((row) => row.dedupeKey === `ticket-${ticket.id}-${step}-v1`)!;
    const current = rows.find((row) => row.dedupeKey === `ticket-${ticket.id}-${step}-v2`)!;
    expect(old.runAt).toEqual(current.runAt);
    const deps = freshDispatcher();
    const queue = deps.producer.get('ticket-deadlines');
    try {
      t.clock.set(new Date(old.runAt!.getTime() - HAND_OVER_AHEAD_MS + 1_000));
      const handed = (await dispatchOutbox(deps)).map(String);
      expect(handed).toContain(String(current.id));
      expect(await (await queue.getJob(current.dedupeKey))?.getState()).toBe('delayed');
      // The replaced plan's step: done with (not waiting any more), and no job in Redis.
      expect(handed).not.toContain(String(old.id));
      expect(await queue.getJob(old.dedupeKey)).toBeUndefined();
      expect((await t.prisma.outbox.findUniqueOrThrow({ where: { id: old.id } })).dispatchedAt).not.toBeNull();
    } finally {
      t.clock.set(TEST_START);
    }
  });

  it('takes untimed rows before timed ones, and timed ones by their time', async () => {
    const stamp = Date.now();
    await t.prisma.$transaction((tx) => addManyToOutbox(tx, [
      { topic: 'ticket.deadline.check', dedupeKey: `order-${stamp}-late`, payload: { ticketId: 'none', step: 'reminder', deadlineVersion: 1, dueAt: '' }, runAt: new Date(TEST_START.getTime() + 60_000) },
      { topic: 'ticket.deadline.check', dedupeKey: `order-${stamp}-early`, payload: { ticketId: 'none', step: 'reminder', deadlineVersion: 1, dueAt: '' }, runAt: new Date(TEST_START.getTime() + 1_000) },
      { topic: 'notification.sms', dedupeKey: `order-${stamp}-now`, payload: { notificationId: `order-${stamp}` } },
    ]));
    const rows = await t.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: `order-${stamp}-` } } });
    const idOf = (suffix: string) => String(rows.find((row) => row.dedupeKey.endsWith(suffix))!.id);
    const handed = (await dispatchOutbox(freshDispatcher(), 1)).map(String);
    expect(handed).toEqual([idOf('now'), idOf('early'), idOf('late')]);
  });

  it('reads the waiting rows through outbox_waiting_idx, not the table, while many steps are held', async () => {
    // Open tickets' plans: many steps far ahead wait undispatched, beside the rows handed over long ago.
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    const stamp = Date.now();
    try {
      await owner.query(`
        INSERT INTO outbox (topic, payload, "dedupeKey", "runAt", "createdAt", "dispatchedAt", attempts)
        SELECT 'ticket.deadline.check', '{}'::jsonb, 'held-${stamp}-' || g, timestamp '2100-01-01' + g * interval '1 minute', now(),
          CASE WHEN g % 2 = 0 THEN now() END, 0
        FROM generate_series(1, 40000) g`);
      await owner.query('ANALYZE outbox');
      const plan = async (sql: ReturnType<typeof firstWaitingRowSql>) => {
        const [row] = await t.prisma.$queryRaw<{ 'QUERY PLAN': unknown }[]>`EXPLAIN (FORMAT JSON) ${sql}`;
        return JSON.stringify(row!['QUERY PLAN']);
      };
      for (const sql of [firstWaitingRowSql(t.clock.now()), claimWaitingRowsSql(t.clock.now(), 100)]) {
        const text = await plan(sql);
        expect(text).toContain('"Index Name":"outbox_waiting_idx"');
        expect(text).not.toContain('Seq Scan');
      }
    } finally {
      await owner.query(`DELETE FROM outbox WHERE "dedupeKey" LIKE 'held-${stamp}-%'`);
      await owner.end();
    }
  });

  it('two dispatchers running at once hand each row over exactly once', async () => {
    const keys = Array.from({ length: 240 }, (_, i) => `race-${Date.now()}-${i}`);
    await t.prisma.$transaction(async (tx) => {
      for (const key of keys) {
        await addToOutbox(tx, { topic: 'notification.sms', dedupeKey: key, payload: { notificationId: key } });
      }
    });
    const a = freshDispatcher();
    const b = freshDispatcher();
    const [fromA, fromB] = await Promise.all([dispatchOutbox(a, 20), dispatchOutbox(b, 20)]);
    const ids = [...fromA, ...fromB].map(String);
    expect(fromA.length).toBeGreaterThan(0);
    expect(fromB.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = await t.prisma.outbox.findMany({ where: { dedupeKey: { in: keys } } });
    expect(ids.sort()).toEqual(rows.map((row) => String(row.id)).sort());
    expect(rows.every((row) => row.dispatchedAt !== null && row.attempts === 1)).toBe(true);
    // Each pass's text messages went as one job: every key in exactly one job, in its pass's order.
    const jobs = await smsJobsCarrying(a, keys);
    expect(jobs.every((job) => job.name === 'notification.sms')).toBe(true);
    const carried = jobs.flatMap((job) => (job.data as { notificationIds: string[] }).notificationIds);
    expect(carried.sort()).toEqual([...keys].sort());
    expect(jobs.length).toBeLessThan(keys.length);
  });

  it("hands a batch's text messages over as one job, and the same rows again add no second one", async () => {
    const keys = Array.from({ length: 3 }, (_, i) => `batch-${Date.now()}-${i}`);
    await t.prisma.$transaction((tx) => addManyToOutbox(tx, keys.map((key) => ({ topic: 'notification.sms' as const, dedupeKey: `sms-${key}`, payload: { notificationId: key } }))));
    const deps = freshDispatcher();
    const handed = await dispatchOutbox(deps);
    expect(handed).toHaveLength(3);
    const [job, ...others] = await smsJobsCarrying(deps, keys);
    expect(others).toEqual([]);
    expect(job).toMatchObject({ id: smsBatchJobId(keys.map((key) => `sms-${key}`)), name: 'notification.sms', data: { notificationIds: keys } });

    // A dispatcher that died after the enqueue, before marking the rows: the next pass hands the same rows over.
    await t.prisma.outbox.updateMany({ where: { id: { in: handed } }, data: { dispatchedAt: null } });
    expect(await dispatchOutbox(deps)).toEqual(handed);
    expect((await smsJobsCarrying(deps, keys)).map((carrying) => carrying.id)).toEqual([job!.id]);

    // Another set of rows is another job, even where it overlaps (sending is idempotent per notification).
    const extra = `batch-${Date.now()}-extra`;
    await t.prisma.$transaction((tx) => addToOutbox(tx, { topic: 'notification.sms', dedupeKey: `sms-${extra}`, payload: { notificationId: extra } }));
    await t.prisma.outbox.updateMany({ where: { id: { in: handed } }, data: { dispatchedAt: null } });
    expect(await dispatchOutbox(deps)).toHaveLength(4);
    const after = await smsJobsCarrying(deps, [...keys, extra]);
    expect(after.map((carrying) => (carrying.data as { notificationIds: string[] }).notificationIds).sort()).toEqual([keys, [...keys, extra]].sort());
  });

  it('a text-message row without a notification id fails alone; the others still go as one job', async () => {
    const keys = Array.from({ length: 3 }, (_, i) => `mixed-${Date.now()}-${i}`);
    await t.prisma.$transaction((tx) => addManyToOutbox(tx, [
      { topic: 'notification.sms', dedupeKey: `sms-${keys[0]}`, payload: { notificationId: keys[0] } },
      { topic: 'notification.sms', dedupeKey: `sms-${keys[1]}`, payload: { notificationId: 7 } },
      { topic: 'notification.sms', dedupeKey: `sms-${keys[2]}`, payload: { notificationId: keys[2] } },
    ]));
    const deps = freshDispatcher();
    await dispatchOutbox(deps);
    const rows = await t.prisma.outbox.findMany({ where: { dedupeKey: { in: keys.map((key) => `sms-${key}`) } }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.dispatchedAt !== null, row.attempts])).toEqual([[true, 1], [false, 1], [true, 1]]);
    expect(rows[1]!.lastError).toMatch(/payload\.notificationId must be a non-empty string/);
    const jobs = await smsJobsCarrying(deps, keys);
    expect(jobs.map((job) => job.data)).toEqual([{ notificationIds: [keys[0], keys[2]] }]);
  });

  it('a row that cannot be handed over keeps its place and records why', async () => {
    await t.prisma.outbox.create({ data: { topic: 'live.push', dedupeKey: `bad-${Date.now()}`, payload: { topic: 'everyone', payload: {} } } });
    const deps = freshDispatcher();
    expect(await dispatchOutbox(deps)).toEqual([]);
    const row = await t.prisma.outbox.findFirstOrThrow({ where: { topic: 'live.push', dedupeKey: { startsWith: 'bad-' } } });
    expect(row.dispatchedAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/payload.topic/);
  });

  it('a job BullMQ refuses fails alone, not the other rows of its queue', async () => {
    const good = `warning-good-${Date.now()}`;
    // An all-digit key passes the outbox's check but BullMQ refuses it as a job id ("Custom Id cannot be integers").
    const refused = String(Date.now());
    await t.prisma.$transaction((tx) => addManyToOutbox(tx, [
      { topic: 'warning.deliver', dedupeKey: refused, payload: { warningRecipientId: 'x', round: 1 } },
      { topic: 'warning.deliver', dedupeKey: good, payload: { warningRecipientId: 'y', round: 1 } },
    ]));
    const deps = freshDispatcher();
    await dispatchOutbox(deps);
    const rows = await t.prisma.outbox.findMany({ where: { dedupeKey: { in: [refused, good] } } });
    expect(rows.find((row) => row.dedupeKey === good)).toMatchObject({ dispatchedAt: expect.any(Date), lastError: null });
    expect(rows.find((row) => row.dedupeKey === refused)).toMatchObject({ dispatchedAt: null, attempts: 1, lastError: expect.stringMatching(/integer/i) });
    expect(await deps.producer.get('warnings').getJob(good)).toBeDefined();
  });

  it('refuses a malformed entry before writing it', async () => {
    await expect(t.prisma.$transaction((tx) => addToOutbox(tx, { topic: 'nope' as never, dedupeKey: 'x', payload: {} }))).rejects.toThrow(/unknown topic/);
    await expect(t.prisma.$transaction((tx) => addToOutbox(tx, { topic: 'live.push', dedupeKey: 'has space', payload: {} }))).rejects.toThrow(/dedupeKey/);
    expect(await t.prisma.outbox.count({ where: { dedupeKey: { in: ['x', 'has space'] } } })).toBe(0);
  });
});
