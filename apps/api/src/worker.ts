/**
 * The worker process: runs every queue of the registry on BullMQ, beats its heartbeat, and
 * closes gracefully on SIGTERM (BullMQ's production guide: let running jobs finish).
 */
import { Worker } from 'bullmq';
import { createPrismaClient } from '@yixian/db';
import { createLogger, startHeartbeat } from '@yixian/runtime';
import { loadConfig } from './config/config.js';
import { createRedis } from './lib/redis.js';
import { systemClock } from './lib/clock.js';
import { QUEUES } from './jobs/registry.js';
import type { WorkerContext } from './jobs/worker-context.js';

const config = loadConfig();
const log = createLogger(config.logLevel, 'worker');
const redis = createRedis(config.redisUrl, { waitForever: true, name: 'worker' });
await redis.connect();
const context: WorkerContext = { config, prisma: createPrismaClient(config.databaseUrl), redis, clock: systemClock, log };

const workers = QUEUES.map(
  (queue) =>
    new Worker(queue.name, (job) => queue.process(job, context), {
      connection: createRedis(config.redisUrl, { waitForever: true, name: `worker-${queue.name}` }),
      prefix: `${config.redisPrefix}bull`,
      concurrency: queue.concurrency,
    }),
);
for (const worker of workers) {
  worker.on('failed', (job, error) => log.warn({ queue: worker.name, jobId: job?.id, err: error.message }, 'job failed'));
  worker.on('error', (error) => log.error({ queue: worker.name, err: error.message }, 'worker error'));
}
const stopHeartbeat = startHeartbeat(redis, config.redisPrefix, 'worker');
log.info({ queues: QUEUES.map((queue) => queue.name) }, 'worker started');

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'draining');
  const forced = setTimeout(() => process.exit(1), 30_000);
  forced.unref();
  await Promise.all(workers.map((worker) => worker.close()));
  await stopHeartbeat();
  await context.prisma.$disconnect();
  await redis.quit();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
