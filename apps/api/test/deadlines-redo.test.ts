/**
 * A worker dies in the middle of a job, after its writes committed and before BullMQ records
 * the completion: the redone job writes no second trail entry, notification or text message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import type { Ticket } from '@yixian/db';
import type { QueueDefinition } from '../src/jobs/registry.js';
import type { WorkerContext } from '../src/jobs/worker-context.js';
import { deadlinesQueue } from '../src/modules/deadlines/deadlines.jobs.js';
import { planDeadlines } from '../src/modules/deadlines/plan-deadlines.js';
import { runDeadlineStep } from '../src/modules/deadlines/run-deadline-step.js';
import { notificationsQueue } from '../src/modules/notifications/notifications.jobs.js';
import { SMS_BATCH_JOB_ID_PREFIX } from '../src/modules/outbox/outbox-topics.js';
import { createTestApp, TEST_START, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';
import { startDeliveryHarness, type DeliveryHarness } from './deadlines-harness.js';

/** The processor as a killed worker leaves it: the work is done, the completion is not. */
function crashingOnce(queue: QueueDefinition, crashed: string[], outcomes: unknown[]): QueueDefinition {
  return {
    ...queue,
    async process(job: Job, context: WorkerContext, token?: string) {
      const result = await queue.process(job, context, token);
      outcomes.push({ id: job.id, attempt: job.attemptsMade, result });
      if (!crashed.includes(String(job.id))) {
        crashed.push(String(job.id));
        throw new Error('worker killed after the writes committed');
      }
      return result;
    },
  };
}

let t: TestApp;
let h: DeliveryHarness;
const crashed: string[] = [];
const outcomes: { id?: string; result: unknown }[] = [];
beforeAll(async () => {
  t = await createTestApp();
  h = await startDeliveryHarness(t, [crashingOnce(deadlinesQueue, crashed, outcomes), crashingOnce(notificationsQueue, crashed, outcomes)]);
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});

async function dispatchedTicket(): Promise<Ticket> {
  const created = await createTicket(t.prisma, { leadUnitId: 'dept-urban-management' });
  const ticket = await t.prisma.ticket.update({ where: { id: created.id }, data: { kind: 'help_request', dispatchedAt: TEST_START } });
  await t.prisma.$transaction((tx) => planDeadlines(tx, ticket, 'dispatched', TEST_START));
  const signed = await t.prisma.ticket.update({ where: { id: created.id }, data: { state: 'signed' } });
  await t.prisma.$transaction((tx) => planDeadlines(tx, signed, 'signed', TEST_START));
  return signed;
}

describe('redone deadline jobs', () => {
  it('a job redone after a crash writes nothing twice', async () => {
    t.clock.set(TEST_START);
    const ticket = await dispatchedTicket();
    await h.settle();
    t.clock.set(new Date('2026-03-09T09:31:00Z')); // past the reminder and the reply deadline
    await h.settle();

    const reminderJob = `ticket-${ticket.id}-reminder-v2`;
    expect(crashed).toContain(reminderJob);
    const runs = outcomes.filter((o) => o.id === reminderJob).map((o) => o.result);
    expect(runs).toEqual([{ outcome: 'done' }, { outcome: 'already_done' }]);
    const trail = await t.prisma.ticketEvent.findMany({ where: { ticketId: ticket.id, actorRole: 'system' } });
    expect(trail.map((e) => e.action).sort()).toEqual(['remind', 'supervise']);
    expect(await t.prisma.notification.count({ where: { ticketId: ticket.id } })).toBe(2);
    // The SMS jobs crashed after sending too, and were redone: still one message each.
    const sms = await t.prisma.smsMessage.findMany({ where: { ticketId: ticket.id } });
    expect(sms).toHaveLength(2);
    const smsRuns = outcomes.filter((o) => o.id?.startsWith(SMS_BATCH_JOB_ID_PREFIX));
    // Each text-message job ran twice (it crashed once): the first run sent, the redone one found them sent.
    const jobIds = [...new Set(smsRuns.map((o) => o.id))];
    const smsRunPairs = jobIds.map((id) => smsRuns.filter((o) => o.id === id).map((o) => o.result as { sent: number; alreadySent: number; missing: number }));
    expect(smsRunPairs.every((pair) => pair.length === 2)).toBe(true);
    expect(smsRunPairs.reduce((sum, [first]) => sum + first!.sent, 0)).toBe(2);
    expect(smsRunPairs.map(([, redone]) => redone)).toEqual(smsRunPairs.map(([first]) => ({ sent: 0, alreadySent: first!.sent, missing: 0 })));
  });

  it('two copies of the same step at once: one does the work, the other finds it done', async () => {
    t.clock.set(TEST_START);
    const ticket = await dispatchedTicket();
    const row = await t.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `ticket-${ticket.id}-supervision-v2` } });
    const input = { ticketId: ticket.id, step: 'supervision' as const, deadlineVersion: 2, dueAt: row.runAt! };
    const now = new Date(row.runAt!.getTime() + 60_000);
    const results = await Promise.all([runDeadlineStep(t.prisma, input, now), runDeadlineStep(t.prisma, input, now)]);
    expect(results.sort()).toEqual(['already_done', 'done']);
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id, action: 'supervise' } })).toBe(1);
    expect(await t.prisma.notification.count({ where: { ticketId: ticket.id } })).toBe(1);
    // A stale version is superseded and writes nothing.
    expect(await runDeadlineStep(t.prisma, { ...input, deadlineVersion: 1 }, now)).toBe('superseded');
  });
});
