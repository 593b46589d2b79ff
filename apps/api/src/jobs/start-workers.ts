/**
 * Starts BullMQ workers for a list of queues on one context, upserts their repeatable jobs and
 * starts the outbox relay (pub/sub nudges). Used by the worker process and by tests, so both
 * run the very same wiring. Follows BullMQ's production guide: own connections with
 * `maxRetriesPerRequest: null`, and a `close()` that lets running jobs finish.
 */
import { Worker } from 'bullmq';
import { bullPrefix, createRedis } from '@yixian/runtime';
import { startOutboxRelay, type OutboxRelay } from '../modules/outbox/outbox-relay.js';
import { outboxDepsOf } from './delivery-queues.js';
import type { QueueDefinition } from './registry.js';
import { producerOf, type WorkerContext } from './worker-context.js';

export interface RunningWorkers {
  workers: Worker[];
  relay: OutboxRelay | null;
  close(): Promise<void>;
}

export interface StartWorkersOptions {
  /** Upsert the queues' repeatable jobs (default true). */
  schedules?: boolean;
  /** Listen for outbox nudges (default true). */
  relay?: boolean;
}

export async function startWorkers(context: WorkerContext, queues: QueueDefinition[], options: StartWorkersOptions = {}): Promise<RunningWorkers> {
  const { config, log } = context;
  const connections = queues.map((queue) => createRedis(config.redis, { waitForever: true, name: `worker-${queue.name}` }));
  const workers = queues.map(
    (queue, index) =>
      new Worker(queue.name, (job, token) => queue.process(job, context, token), {
        connection: connections[index]!,
        prefix: bullPrefix(config.redisPrefix),
        concurrency: queue.concurrency,
      }),
  );
  for (const worker of workers) {
    worker.on('failed', (job, error) => {
      log.warn({ queue: worker.name, jobId: job?.id, err: error.message }, 'job failed');
      // Final: no attempt left, or an UnrecoverableError (BullMQ moves it to the failed set at once).
      const isFinal = !job || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      context.metrics?.jobsFailed.inc({ queue: worker.name, final: String(isFinal) });
    });
    worker.on('completed', () => context.metrics?.jobsCompleted.inc({ queue: worker.name }));
    worker.on('error', (error) => log.error({ queue: worker.name, err: error.message }, 'worker error'));
  }
  if (options.schedules ?? true) {
    for (const queue of queues) {
      for (const repeat of queue.repeat ?? []) {
        await producerOf(context).get(queue.name).upsertJobScheduler(repeat.schedulerId, { every: repeat.everyMs }, { name: repeat.jobName, opts: { removeOnComplete: 100, removeOnFail: 100 } });
      }
    }
  }
  let relay: OutboxRelay | null = null;
  const subscriber = options.relay ?? true ? createRedis(config.redis, { waitForever: true, name: 'outbox-relay' }) : null;
  if (subscriber) {
    await subscriber.connect();
    relay = await startOutboxRelay(outboxDepsOf(context), subscriber);
  }
  return {
    workers,
    relay,
    async close() {
      await relay?.stop();
      await Promise.all(workers.map((worker) => worker.close()));
      await context.producer?.close();
      await Promise.all([...connections, ...(subscriber ? [subscriber] : [])].map((connection) => connection.quit().catch(() => connection.disconnect())));
    },
  };
}
