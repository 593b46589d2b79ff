/**
 * Test wiring for the delivery side: the deadline and notification workers on the test app's
 * database, Redis prefix and MANUAL clock, plus helpers to dispatch the outbox, sweep, and wait
 * until the queues are idle (on worker events, never sleeps).
 */
import type { Worker } from 'bullmq';
import pino from 'pino';
import { createRedis } from '@yixian/runtime';
import { deadlinesQueue } from '../src/modules/deadlines/deadlines.jobs.js';
import { sweepDeadlines } from '../src/modules/deadlines/sweep-deadlines.js';
import { notificationsQueue } from '../src/modules/notifications/notifications.jobs.js';
import { dispatchOutbox } from '../src/modules/outbox/dispatch-outbox.js';
import { outboxDepsOf } from '../src/jobs/delivery-queues.js';
import type { QueueDefinition } from '../src/jobs/registry.js';
import { startWorkers, type RunningWorkers } from '../src/jobs/start-workers.js';
import { producerOf, type WorkerContext } from '../src/jobs/worker-context.js';
import type { TestApp } from './helpers/test-app.js';

export interface DeliveryHarness {
  context: WorkerContext;
  running: RunningWorkers;
  dispatch(): Promise<number>;
  sweep(): Promise<{ due: number; promoted: number }>;
  /** Dispatch, sweep and wait until no job is waiting or active, until nothing more happens. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const SETTLE_TIMEOUT_MS = 15_000;

/** Resolves when every worker's queue has no waiting, active or prioritized job. */
export async function waitIdle(workers: Worker[], context: WorkerContext): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    let wake: () => void = () => undefined;
    const next = new Promise<void>((resolve) => (wake = resolve));
    const onEvent = () => wake();
    for (const worker of workers) {
      worker.on('completed', onEvent);
      worker.on('failed', onEvent);
    }
    let busy = 0;
    for (const worker of workers) {
      const counts = await producerOf(context).get(worker.name).getJobCounts('waiting', 'active', 'prioritized', 'wait');
      busy += Object.values(counts).reduce((sum, n) => sum + n, 0);
    }
    if (busy === 0) {
      for (const worker of workers) {
        worker.off('completed', onEvent);
        worker.off('failed', onEvent);
      }
      return;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`queues still busy (${busy} jobs) after ${SETTLE_TIMEOUT_MS} ms`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([next, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
    for (const worker of workers) {
      worker.off('completed', onEvent);
      worker.off('failed', onEvent);
    }
  }
}

export async function startDeliveryHarness(t: TestApp, queues: QueueDefinition[] = [deadlinesQueue, notificationsQueue]): Promise<DeliveryHarness> {
  const redis = createRedis(t.app.config.redis, { waitForever: true, name: 'test-delivery' });
  await redis.connect();
  const context: WorkerContext = { config: t.app.config, prisma: t.prisma, redis, clock: t.clock, log: pino({ level: 'silent' }) };
  const running = await startWorkers(context, queues, { schedules: false, relay: false });
  const dispatch = async () => (await dispatchOutbox(outboxDepsOf(context))).length;
  const sweep = () => sweepDeadlines({ prisma: t.prisma, clock: t.clock, producer: producerOf(context) });
  return {
    context,
    running,
    dispatch,
    sweep,
    async settle() {
      for (let round = 0; round < 20; round += 1) {
        const dispatched = await dispatch();
        const { due, promoted: swept } = await sweep();
        // Text messages are never delayed on purpose: a delayed one is a retry waiting out its backoff.
        const retries = await producerOf(context).get(notificationsQueue.name).getDelayed();
        await Promise.all(retries.map((job) => job.promote()));
        const promoted = swept + retries.length;
        await waitIdle(running.workers, context);
        if (dispatched === 0 && due === 0 && promoted === 0 && (await dispatch()) === 0) return;
      }
      throw new Error('delivery did not settle in 20 rounds');
    },
    async close() {
      await running.close();
      await redis.quit();
    },
  };
}
