/**
 * The daily leftovers sweep on a real database and a real store folder: an upload no act carried
 * goes with its files once past the grace period, a fresh one and a carried one stay, a file whose
 * content another row still names stays; idempotency keys past the retention go, recent ones stay.
 * Then two worker copies (the real `startWorkers` wiring) share one schedule and run the sweep.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { QueueEvents, Queue, type Job } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullPrefix, createRedis } from '@yixian/runtime';
import { LEFTOVERS_JOBS, LEFTOVERS_SCHEDULER_ID, leftoversQueue } from '../src/jobs/leftovers-queue.js';
import { startWorkers } from '../src/jobs/start-workers.js';
import type { WorkerContext } from '../src/jobs/worker-context.js';
import { putFile, storedPath } from '../src/modules/attachments/attachment-store.js';
import { createTicket } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const storeDir = mkdtempSync(join(tmpdir(), 'yixian-leftovers-'));
let t: TestApp;
let context: WorkerContext;
let uploaderId: string;

beforeAll(async () => {
  t = await createTestApp({ ATTACHMENTS_DIR: storeDir, ATTACHMENT_ORPHAN_HOURS: '24', IDEMPOTENCY_KEY_DAYS: '7' });
  context = { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: pino({ level: 'silent' }) };
  uploaderId = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } })).id;
});
afterAll(async () => {
  await t?.close();
  rmSync(storeDir, { recursive: true, force: true });
});

/** Stores `content` and writes an upload row for it, `ageMs` old, bound to `eventId` or pending. */
async function upload(ticketId: string, content: string, ageMs: number, eventId: bigint | null = null) {
  const { sha256 } = await putFile(storeDir, Buffer.from(content));
  return t.prisma.ticketAttachment.create({
    data: {
      id: randomUUID(), ticketId, act: 'reply', eventId, uploadedById: uploaderId, fileName: 'site.jpg', contentType: 'image/jpeg',
      sizeBytes: content.length, sha256, createdAt: new Date(t.clock.now().getTime() - ageMs),
    },
  });
}

const fileOf = (sha256: string) => existsSync(storedPath(storeDir, sha256));
const runSweep = () => leftoversQueue.process({ name: LEFTOVERS_JOBS.sweep } as Job, context) as Promise<Record<string, number>>;

describe('leftovers sweep', () => {
  it('removes uploads no act carried past the grace period with their unreferenced files, and old idempotency keys', async () => {
    const ticket = await createTicket(t.prisma, { leadUnitId: 'dept-environment' });
    const event = await t.prisma.ticketEvent.create({ data: { ticketId: ticket.id, action: 'reply', unitId: 'dept-environment', actorRole: 'dept_handler', data: {} } });
    const orphan = await upload(ticket.id, `orphan ${randomUUID()}`, 25 * HOUR);
    const fresh = await upload(ticket.id, `fresh ${randomUUID()}`, 23 * HOUR);
    const bound = await upload(ticket.id, `bound ${randomUUID()}`, 30 * DAY, event.id);
    // The same bytes uploaded twice: an old pending copy and a carried one. The row goes, the file stays.
    const shared = `shared ${randomUUID()}`;
    const sharedOrphan = await upload(ticket.id, shared, 2 * DAY);
    const sharedBound = await upload(ticket.id, shared, 2 * DAY, event.id);
    const keyAt = (ageMs: number) => new Date(t.clock.now().getTime() - ageMs);
    const key = (ageMs: number) => ({ id: randomUUID(), userId: uploaderId, scope: 'patrol-report', key: randomUUID(), requestHash: 'h', resourceId: ticket.id, createdAt: keyAt(ageMs) });
    const [oldKey, recentKey] = [key(8 * DAY), key(6 * DAY)];
    await t.prisma.idempotencyKey.createMany({ data: [oldKey, recentKey] });

    const counts = await runSweep();
    expect(counts).toMatchObject({ orphanAttachments: 2, idempotencyKeys: 1 });
    const left = new Set((await t.prisma.ticketAttachment.findMany({ where: { ticketId: ticket.id }, select: { id: true } })).map((row) => row.id));
    expect(left).toEqual(new Set([fresh.id, bound.id, sharedBound.id]));
    expect(fileOf(orphan.sha256)).toBe(false);
    expect(fileOf(fresh.sha256)).toBe(true);
    expect(fileOf(bound.sha256)).toBe(true);
    expect(sharedOrphan.sha256).toBe(sharedBound.sha256);
    expect(fileOf(sharedBound.sha256)).toBe(true);
    const keys = (await t.prisma.idempotencyKey.findMany({ where: { id: { in: [oldKey.id, recentKey.id] } } })).map((row) => row.id);
    expect(keys).toEqual([recentKey.id]);
    // Counts only in the audit: no file names, no hashes, no people.
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'system.leftovers_sweep' }, orderBy: { at: 'desc' } });
    expect(audit.details).toEqual({ orphanAttachments: 2, orphanContents: 2, idempotencyKeys: 1, orphanHours: 24, idempotencyKeyDays: 7 });

    // Idempotent: a second run (another worker copy, a retry) removes nothing more.
    expect(await runSweep()).toMatchObject({ orphanAttachments: 0, idempotencyKeys: 0 });

    // Once the carried copy is gone too (here by hand), the shared file goes with the next orphan of it.
    t.clock.advance(2 * HOUR);
    await t.prisma.ticketAttachment.update({ where: { id: sharedBound.id }, data: { eventId: null } });
    expect(await runSweep()).toMatchObject({ orphanAttachments: 2 });
    expect(fileOf(sharedBound.sha256)).toBe(false);
    expect(fileOf(fresh.sha256)).toBe(false);
  });

  it('runs from one schedule shared by two worker copies', async () => {
    const eventsConnection = createRedis(t.app.config.redis, { waitForever: true });
    const events = new QueueEvents(leftoversQueue.name, { connection: eventsConnection, prefix: bullPrefix(t.redisPrefix) });
    await events.waitUntilReady();
    const completed = new Promise<unknown>((done, fail) => {
      events.on('completed', ({ returnvalue }) => done(returnvalue));
      events.on('failed', ({ failedReason }) => fail(new Error(failedReason)));
    });
    // Each copy with its own context, as two worker processes would have (own producer connections).
    const copies = await Promise.all([0, 1].map(() => startWorkers({ ...context, producer: undefined }, [leftoversQueue], { relay: false })));
    const queue = new Queue(leftoversQueue.name, { connection: t.app.redis, prefix: bullPrefix(t.redisPrefix) });
    try {
      // BullMQ runs an `every` schedule once when it is first made, then at each whole day.
      expect(await completed).toMatchObject({ orphanAttachments: 0, idempotencyKeys: 0 });
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key)).toEqual([LEFTOVERS_SCHEDULER_ID]);
      expect(schedulers[0]?.every).toBe(DAY);
    } finally {
      await queue.close();
      await Promise.all(copies.map((copy) => copy.close()));
      await events.close();
      eventsConnection.disconnect();
    }
  });
});
