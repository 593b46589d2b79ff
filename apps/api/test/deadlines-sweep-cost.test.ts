/**
 * What a sweep pass reads when nothing went wrong (sweep-deadlines.ts): on the machine's clock it
 * leaves delayed jobs to BullMQ, and it checks the future steps against Redis only while Redis may
 * have lost jobs (a record of a settled check for this Redis's run_id says it need not).
 */
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '@yixian/runtime';
import type { Redis } from 'ioredis';
import { sweepDeadlines } from '../src/modules/deadlines/sweep-deadlines.js';
import { createQueueProducer, type QueueProducer } from '../src/jobs/queue-producer.js';
import { DELIVERY_QUEUES, OUTBOX_TOPICS } from '../src/modules/outbox/outbox-topics.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';

let t: TestApp;
let redis: Redis;
let producer: QueueProducer;
let queue: Queue;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp({}, { realTime: true });
  redis = createRedis(t.app.config.redis, { waitForever: true, name: 'test-sweep-cost' });
  await redis.connect();
  producer = createQueueProducer(redis, t.app.config.redisPrefix);
  queue = producer.get(DELIVERY_QUEUES.deadlines);
});
afterAll(async () => {
  await producer?.close();
  await redis?.quit();
  await t?.close();
});
beforeEach(async () => {
  t.clock.set(new Date());
  await queue.obliterate({ force: true });
  await t.prisma.outbox.deleteMany({ where: { topic: OUTBOX_TOPICS.deadline_check } });
});

const sweep = () => sweepDeadlines({ prisma: t.prisma, clock: t.clock, producer });
const recordKey = () => queue.toKey('restore-record');
async function runId(): Promise<string> {
  return /run_id:(\w+)/.exec(await redis.info('server'))![1]!;
}

/** A dispatched ticket whose `reminder` step, due in an hour, the outbox has handed over. */
async function handedOverStep(): Promise<string> {
  const ticket = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01' });
  const dedupeKey = `ticket-${ticket.id}-reminder-v0`;
  const dueAt = new Date(Date.now() + HOUR);
  await t.prisma.outbox.create({
    data: {
      topic: OUTBOX_TOPICS.deadline_check, dedupeKey, runAt: dueAt, dispatchedAt: new Date(), attempts: 1,
      payload: { ticketId: ticket.id, step: 'reminder', deadlineVersion: ticket.deadlineVersion, dueAt: dueAt.toISOString() },
    },
  });
  return dedupeKey;
}

describe('a sweep pass on a healthy Redis', () => {
  it('checks future steps until a check settles for this Redis, and again when Redis is another (restart, failover)', async () => {
    const jobId = await handedOverStep();
    // No record yet (a first start, or a Redis that lost everything): the lost job is added again.
    await redis.del(recordKey());
    expect((await sweep()).restored).toBe(1);
    expect(await (await queue.getJob(jobId))?.getState()).toBe('delayed');

    // A check settled for this Redis: the pass does not look.
    await redis.set(recordKey(), JSON.stringify({ runId: await runId(), since: 0, settled: true }));
    await (await queue.getJob(jobId))!.remove();
    expect((await sweep()).restored).toBe(0);
    expect(await queue.getJob(jobId)).toBeUndefined();

    // Another run_id: Redis restarted or failed over since, and may have lost jobs.
    await redis.set(recordKey(), JSON.stringify({ runId: 'another-redis', since: 0, settled: true }));
    expect((await sweep()).restored).toBe(1);
    const record = JSON.parse((await redis.get(recordKey()))!) as { runId: string; settled: boolean };
    expect(record).toMatchObject({ runId: await runId(), settled: false });
  });

  it('keeps checking for a minute after a new Redis, then settles on a pass that found nothing lost', async () => {
    const jobId = await handedOverStep();
    await redis.set(recordKey(), JSON.stringify({ runId: await runId(), since: Date.now() - 30_000, settled: false }));
    expect((await sweep()).restored).toBe(1);
    await (await queue.getJob(jobId))!.remove();
    expect((await sweep()).restored).toBe(1);
    expect(JSON.parse((await redis.get(recordKey()))!)).toMatchObject({ settled: false });

    await redis.set(recordKey(), JSON.stringify({ runId: await runId(), since: Date.now() - 61_000, settled: false }));
    expect((await sweep()).restored).toBe(0);
    expect(JSON.parse((await redis.get(recordKey()))!)).toMatchObject({ settled: true });
  });

  it('leaves delayed jobs to BullMQ on the machine’s clock, and promotes those due on a moved clock', async () => {
    await redis.set(recordKey(), JSON.stringify({ runId: await runId(), since: 0, settled: true }));
    const ticket = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01' });
    // Due on the app's clock already, but BullMQ's own time for it is an hour away: on the machine's
    // clock the two agree for every job the relay hands over, so the pass does not look for such jobs.
    const dueAt = new Date(Date.now() - 1_000);
    const job = await queue.add('ticket.deadline.check', { ticketId: ticket.id, step: 'reminder', deadlineVersion: 0, dueAt: dueAt.toISOString() }, { jobId: 'sweep-cost-1', delay: HOUR });
    expect((await sweep()).promoted).toBe(0);
    expect(await job.getState()).toBe('delayed');

    // Moved time (a test, a drill): the pass looks through the delayed jobs and promotes it.
    t.clock.advance(2_000);
    expect((await sweep()).promoted).toBe(1);
    expect(await job.getState()).not.toBe('delayed');
  });
});
