/**
 * The worker's text message for a notification (queue `notifications`, job `notification.sms`) on
 * a real worker, Redis and PostgreSQL: a job handed over twice sends once, a missing notification
 * fails for good, the record-only gateway reads and records in one statement, and a gateway
 * without that path (as a carrier's would be) is handed the same message.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix, createRedis } from '@yixian/runtime';
import { installStatementLog } from '../../../scripts/bench/lib/statement-log.js';
import { producerOf } from '../src/jobs/worker-context.js';
import { notificationsQueue } from '../src/modules/notifications/notifications.jobs.js';
import type { SmsGateway, SmsMessageInput } from '../src/modules/notifications/sms-gateway.js';
import { createTicket } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
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

describe('notification.sms', () => {
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
        expect([first, redone]).toEqual([{ result: { sent: true } }, { result: { sent: false } }]);

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

  it('fails for good, without a retry or a message, when the notification does not exist', async () => {
    const id = randomUUID();
    const ended = await runJob(`sms-missing-${id}`, { notificationId: id }, 3);
    expect(ended.error).toMatch(/does not exist/);
    expect(ended.job?.attemptsMade).toBe(1);
    expect(await t.prisma.smsMessage.count({ where: { dedupeKey: { contains: id } } })).toBe(0);
  });

  it('hands a gateway that only sends (a carrier) the same message the record-only gateway records', async () => {
    const sent: SmsMessageInput[] = [];
    const carrier: SmsGateway = { name: 'carrier', send: async (message) => (sent.push(message), true) };
    const before = h.context.smsGateway;
    h.context.smsGateway = carrier;
    try {
      const notification = await notificationFor({ unitId: 'gt-s01g01' });
      expect(await runJob(`sms-carrier-${notification.id}`, { notificationId: notification.id })).toEqual({ result: { sent: true } });
      expect(sent).toEqual([{ to: 'unit:gt-s01g01', body: notification.title, dedupeKey: `sms-${notification.dedupeKey}`, ticketId: notification.ticketId }]);
      const missing = await runJob(`sms-carrier-missing-${notification.id}`, { notificationId: randomUUID() }, 3);
      expect(missing.error).toMatch(/does not exist/);
      expect(missing.job?.attemptsMade).toBe(1);
    } finally {
      h.context.smsGateway = before;
    }
  });
});
