/**
 * The real worker process (`src/worker.ts`): two copies start against one deployment, create the
 * repeatable jobs once (fixed scheduler ids), hand a committed outbox row to BullMQ without being
 * asked (the 5 s pass or the nudge), and drain and exit 0 on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix, createRedis } from '@yixian/runtime';
import { addToOutbox, nudgeOutbox } from '../src/modules/outbox/add-to-outbox.js';
import { smsBatchJobId } from '../src/modules/outbox/batch-sms-rows.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const API_DIR = resolve(import.meta.dirname, '..');
let t: TestApp;
let redis: Redis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestApp();
  redis = createRedis(t.app.config.redis, { waitForever: true });
  await redis.connect();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await redis?.quit();
  await t?.close();
});

/** Starts a worker copy and resolves once it logs that it started. */
async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: API_DIR,
    env: { ...process.env, DATABASE_URL: t.app.config.databaseUrl, REDIS_URL: t.app.config.redis.url, REDIS_PREFIX: t.redisPrefix, LOG_LEVEL: 'info', CONSOLE_DIST: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`worker did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('worker started')) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`worker exited with ${code}: ${output}`)));
  });
  return child;
}

describe('worker process', () => {
  it('runs as two copies with one set of repeatable jobs, dispatches the outbox, exits cleanly on SIGTERM', async () => {
    const [a, b] = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
    const housekeeping = new Queue('outbox', { connection: redis, prefix: bullPrefix(t.redisPrefix) });
    const eventsConnection = createRedis(t.app.config.redis, { waitForever: true });
    try {
      const schedulers = await housekeeping.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(['deadline-sweep', 'outbox-dispatch']);

      // A committed row, then the nudge: one of the copies hands it over.
      const key = `worker-${Date.now()}`;
      await t.prisma.$transaction((tx) => addToOutbox(tx, { topic: 'notification.sms', dedupeKey: key, payload: { notificationId: key } }));
      const events = new QueueEvents('notifications', { connection: eventsConnection, prefix: bullPrefix(t.redisPrefix) });
      await events.waitUntilReady();
      // The pass's text messages go as one job, named after its rows' dedupe keys.
      const jobId = smsBatchJobId([key]);
      const settled = new Promise<string>((done) => {
        events.on('failed', ({ jobId: id, failedReason }) => id === jobId && done(failedReason));
        events.on('completed', ({ jobId: id }) => id === jobId && done('completed'));
      });
      await nudgeOutbox(redis, t.redisPrefix);
      // The notification does not exist, so the job fails for good — which proves a worker ran it.
      expect(await settled).toMatch(/does not exist/);
      // The job can run before the dispatcher's transaction commits; FOR UPDATE waits for that commit.
      const [row] = await t.prisma.$transaction((tx) => tx.$queryRaw<{ dispatchedAt: Date | null }[]>`
        SELECT "dispatchedAt" FROM "outbox" WHERE "dedupeKey" = ${key} FOR UPDATE`);
      expect(row?.dispatchedAt).toBeInstanceOf(Date);
      const eventsClosed = events.close();

      for (const child of [a, b]) child.kill('SIGTERM');
      const codes = await Promise.all([a, b].map(async (child) => (child.exitCode ?? (await once(child, 'exit'))[0]) as number));
      expect(codes).toEqual([0, 0]);
      await eventsClosed;
    } finally {
      await housekeeping.close();
      eventsConnection.disconnect();
    }
  }, 60_000);
});
