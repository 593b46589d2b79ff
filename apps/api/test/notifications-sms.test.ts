/**
 * The worker's text messages for notifications (queue `notifications`, job `notification.sms`) on
 * a real worker, Redis and PostgreSQL: several acts in one relay pass become one job, a job handed
 * over twice sends once, the record-only gateway reads and records a whole list in one prepared
 * statement, a missing notification is skipped (and fails for good when it is the only one), a
 * bad payload is refused by name, a job queued before batching (`{ notificationId }`) still runs,
 * and a gateway without the batch path (as a carrier's would be) is handed the same messages.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix, createRedis } from '@yixian/runtime';
import { PREPARED } from '@yixian/db';
import { installStatementLog } from '../../../scripts/bench/lib/statement-log.js';
import { producerOf } from '../src/jobs/worker-context.js';
import { notificationsQueue } from '../src/modules/notifications/notifications.jobs.js';
import type { SmsGateway, SmsMessageInput } from '../src/modules/notifications/sms-gateway.js';
import { smsBatchJobId } from '../src/modules/outbox/batch-sms-rows.js';
import { createTicket } from './helpers/factories.js';
import { createTestApp, login, type TestApp } from './helpers/test-app.js';
import { createCall, intake } from './tickets-fixtures.js';
import { startDeliveryHarness, type DeliveryHarness } from './deadlines-harness.js';

let t: TestApp;
let h: DeliveryHarness;
let queue: Queue;
let eventsConnection: Redis;
let events: QueueEvents;

beforeAll(async () => {
  t = await createTestApp();
  h = await startDeliveryHarness(t, [notificationsQueue]);
  queue = producerOf(h.context).get(notificationsQueue.name);
  eventsConnection = createRedis(t.app.config.redis, { waitForever: true, name: 'test-sms-events' });
  events = new QueueEvents(notificationsQueue.name, { connection: eventsConnection, prefix: bullPrefix(t.redisPrefix) });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events?.close();
  await h?.close();
  await eventsConnection?.quit();
  await t?.close();
});

async function notificationFor(to: { unitId: string } | { userId: string }) {
  const ticket = await createTicket(t.prisma, { leadUnitId: 'gt-s01g01' });
  return t.prisma.notification.create({
    data: { dedupeKey: `${ticket.id}-dispatch`, ...to, ticketId: ticket.id, kind: 'dispatch', title: `工单${ticket.code}已派至本单位，请及时签收` },
  });
}

/** Adds the job and waits for its end (on the queue's events); a failure comes back with the job as it ended. */
async function runJob(jobId: string, data: Record<string, unknown>, attempts = 1) {
  const job = await queue.add('notification.sms', data, { jobId, attempts });
  try {
    return { result: await job.waitUntilFinished(events, 15_000) as unknown };
  } catch (error) {
    return { error: (error as Error).message, job: await queue.getJob(jobId) };
  }
}

/** Every notifications job (in any state) that carries one of these notifications. */
async function jobsCarrying(notificationIds: readonly string[]) {
  const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
  return jobs.filter((job) => {
    const data = job.data as { notificationId?: string; notificationIds?: string[] };
    return [data.notificationId, ...(data.notificationIds ?? [])].some((id) => id !== undefined && notificationIds.includes(id));
  });
}

describe('notification.sms', () => {
  it('sends the text messages of several acts in one relay pass as one job, one message each', async () => {
    const agent = await login(t.app, 'demo-agent');
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const ticketIds: string[] = [];
    for (const title of ['夜间噪音', '路灯不亮', '占道经营']) {
      const call = await createCall(t.prisma, '12345', t.clock.now());
      const created = await intake(t, agent, {
        channel: 'phone', callId: call.id, categoryId: 'env.noise', lat: grid.centroidLat, lng: grid.centroidLng,
        title, description: `${title}，请尽快处理`, dispatch: true,
      });
      expect(created.statusCode, created.body).toBe(201);
      ticketIds.push(created.json().ticket.id as string);
    }
    const notifications = await t.prisma.notification.findMany({ where: { ticketId: { in: ticketIds } }, orderBy: { createdAt: 'asc' } });
    expect(notifications).toHaveLength(3);
    const rows = await t.prisma.outbox.findMany({ where: { topic: 'notification.sms', dedupeKey: { in: notifications.map((n) => `sms-${n.dedupeKey}`) } }, orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(3);

    expect(await h.dispatch()).toBeGreaterThanOrEqual(3);
    const job = await queue.getJob(smsBatchJobId(rows.map((row) => row.dedupeKey)));
    expect(job?.data).toEqual({ notificationIds: rows.map((row) => (row.payload as { notificationId: string }).notificationId) });
    expect(await job!.waitUntilFinished(events, 15_000)).toEqual({ sent: 3, alreadySent: 0, missing: 0 });
    expect((await jobsCarrying(notifications.map((n) => n.id))).map((carrying) => carrying.id)).toEqual([job!.id]);
    const sms = await t.prisma.smsMessage.findMany({ where: { ticketId: { in: ticketIds } } });
    expect(sms.map((m) => m.dedupeKey).sort()).toEqual(notifications.map((n) => `sms-${n.dedupeKey}`).sort());
    expect(sms.every((m) => m.recipient === 'unit:gt-s01g01')).toBe(true);
  });

  it('records a list in one prepared statement whose text does not depend on its length, skipping a missing notification', async () => {
    const log = installStatementLog();
    try {
      const one = await notificationFor({ unitId: 'gt-s01g01' });
      log.start();
      expect(await runJob(`sms-list-one-${one.id}`, { notificationIds: [one.id] })).toEqual({ result: { sent: 1, alreadySent: 0, missing: 0 } });
      const single = log.take();

      const more = [await notificationFor({ unitId: 'gt-s01g01' }), await notificationFor({ userId: randomUUID() })];
      const missing = randomUUID();
      log.start();
      const ended = await runJob(`sms-list-${missing}`, { notificationIds: [more[0]!.id, missing, one.id, more[1]!.id] }, 3);
      const batch = log.take();
      expect(ended).toEqual({ result: { sent: 2, alreadySent: 1, missing: 1 } });
      expect(single).toHaveLength(1);
      expect(batch).toEqual(single);
      expect(single[0]!.startsWith(PREPARED.trim())).toBe(true);
      const sms = await t.prisma.smsMessage.findMany({ where: { ticketId: { in: [one, ...more].map((n) => n.ticketId!) } } });
      expect(sms.map((m) => m.dedupeKey).sort()).toEqual([one, ...more].map((n) => `sms-${n.dedupeKey}`).sort());
    } finally {
      log.restore();
    }
  });

  it('refuses a malformed list for good, naming the field, and a list none of whose notifications exists', async () => {
    const refusals: [unknown, RegExp][] = [
      [{}, /notificationIds \(or, from before batching, notificationId\) is required/],
      [{ notificationId: 7 }, /notificationIds \(or, from before batching, notificationId\) is required/],
      [{ notificationIds: 'abc' }, /notificationIds must be an array/],
      [{ notificationIds: [] }, /notificationIds must hold 1 to 500 ids/],
      [{ notificationIds: Array.from({ length: 501 }, () => randomUUID()) }, /notificationIds must hold 1 to 500 ids/],
      [{ notificationIds: [randomUUID(), 7] }, /notificationIds must hold non-empty strings only/],
      [{ notificationIds: [randomUUID(), ''] }, /notificationIds must hold non-empty strings only/],
      [{ notificationIds: [randomUUID(), randomUUID()] }, /do not exist/],
    ];
    for (const [data, reason] of refusals) {
      const ended = await runJob(`sms-refused-${randomUUID()}`, data as Record<string, unknown>, 3);
      expect(ended.error).toMatch(reason);
      expect(ended.job?.attemptsMade).toBe(1);
    }
  });

  it('sends once however often the job runs, in one statement each time', async () => {
    const log = installStatementLog();
    try {
      for (const to of [{ unitId: 'gt-s01g01' }, { userId: randomUUID() }]) {
        const notification = await notificationFor(to);
        log.start();
        const first = await runJob(`sms-${notification.dedupeKey}`, { notificationId: notification.id });
        expect(log.take()).toHaveLength(1);
        log.start();
        const redone = await runJob(`sms-${notification.dedupeKey}-again`, { notificationId: notification.id });
        expect(log.take()).toHaveLength(1);
        expect([first, redone]).toEqual([{ result: { sent: 1, alreadySent: 0, missing: 0 } }, { result: { sent: 0, alreadySent: 1, missing: 0 } }]);

        const sms = await t.prisma.smsMessage.findMany({ where: { ticketId: notification.ticketId } });
        const recipient = 'unitId' in to ? `unit:${to.unitId}` : `user:${to.userId}`;
        expect(sms).toMatchObject([{ dedupeKey: `sms-${notification.dedupeKey}`, recipient, body: notification.title, gateway: 'record-only', status: 'recorded' }]);
        // Recorded now, in UTC as Prisma's own writes keep times.
        expect(Math.abs(sms[0]!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      }
    } finally {
      log.restore();
    }
  });

  it('fails for good, without a retry or a message, when the notification of an old-style job does not exist', async () => {
    const id = randomUUID();
    const ended = await runJob(`sms-missing-${id}`, { notificationId: id }, 3);
    expect(ended.error).toMatch(/does not exist/);
    expect(ended.job?.attemptsMade).toBe(1);
    expect(await t.prisma.smsMessage.count({ where: { dedupeKey: { contains: id } } })).toBe(0);
  });

  it('hands a gateway that only sends (a carrier) the same messages the record-only gateway records', async () => {
    const sent: SmsMessageInput[] = [];
    const carrier: SmsGateway = { name: 'carrier', send: async (message) => (sent.push(message), true) };
    const before = h.context.smsGateway;
    h.context.smsGateway = carrier;
    try {
      const notification = await notificationFor({ unitId: 'gt-s01g01' });
      expect(await runJob(`sms-carrier-${notification.id}`, { notificationId: notification.id })).toEqual({ result: { sent: 1, alreadySent: 0, missing: 0 } });
      expect(sent).toEqual([{ to: 'unit:gt-s01g01', body: notification.title, dedupeKey: `sms-${notification.dedupeKey}`, ticketId: notification.ticketId }]);
      const missing = await runJob(`sms-carrier-missing-${notification.id}`, { notificationId: randomUUID() }, 3);
      expect(missing.error).toMatch(/does not exist/);
      expect(missing.job?.attemptsMade).toBe(1);

      const other = await notificationFor({ userId: randomUUID() });
      sent.length = 0;
      const listed = await runJob(`sms-carrier-list-${other.id}`, { notificationIds: [other.id, randomUUID(), notification.id] }, 3);
      expect(listed).toEqual({ result: { sent: 2, alreadySent: 0, missing: 1 } });
      expect(sent.map((message) => message.dedupeKey)).toEqual([`sms-${other.dedupeKey}`, `sms-${notification.dedupeKey}`]);
    } finally {
      h.context.smsGateway = before;
    }
  });
});
