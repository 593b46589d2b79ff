/**
 * The worker process: runs every queue of the registry on BullMQ, with their repeatable jobs and
 * the outbox relay, beats its heartbeat, and closes gracefully on SIGTERM (BullMQ's production
 * guide: let running jobs finish).
 */
import { createPrismaClient } from '@yixian/db';
import { createLogger, createProcessRegistry, createRedis, metricsProcessName, startHeartbeat, startMetricsPublisher } from '@yixian/runtime';
import { loadConfig } from './config/config.js';
import { assertProductionReady } from './config/production-checks.js';
import { listenConfigChanges } from './modules/config-changes/config-bus.js';
import { systemClock } from './lib/clock.js';
import { QUEUES } from './jobs/registry.js';
import { startWorkers } from './jobs/start-workers.js';
import { listenForPbxConfig } from './modules/hotlines/pbx-config-sync.js';
import type { WorkerContext } from './jobs/worker-context.js';
import { createJobMetrics } from './modules/metrics/job-metrics.js';

const config = loadConfig();
const log = createLogger(config.logLevel, 'worker');

// Signals are caught before anything starts: a SIGTERM during start-up waits for it, then drains.
let closing = false;
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

async function start() {
  await assertProductionReady('worker', config).catch((error: Error) => {
    log.fatal(error.message);
    process.exit(1);
  });
  const redis = createRedis(config.redis, { waitForever: true, name: 'worker' });
  await redis.connect();
  // This process's metrics, published to Redis for the API's /metrics (runtime/metrics-snapshots.ts).
  const metricsName = metricsProcessName('worker');
  const registry = createProcessRegistry(metricsName);
  const context: WorkerContext = { config, prisma: createPrismaClient(config.databaseUrl), redis, clock: systemClock, log, metrics: createJobMetrics(registry) };
  const running = await startWorkers(context, QUEUES);
  // Cached configuration (the work calendar, …) is cleared when an administrator changes it;
  // hotline and calendar changes go on to the PBX.
  listenForPbxConfig(context);
  const configSubscription = await listenConfigChanges(config.redis, config.redisPrefix);
  const stopHeartbeat = startHeartbeat(redis, config.redisPrefix, 'worker');
  const metricsPublisher = startMetricsPublisher(redis, config.redisPrefix, registry, metricsName);
  log.info({ queues: QUEUES.map((queue) => queue.name) }, 'worker started');
  return { context, redis, running, stopHeartbeat, metricsPublisher, configSubscription };
}

async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'draining');
  const forced = setTimeout(() => process.exit(1), 30_000);
  forced.unref();
  const begun = Date.now();
  const parts = await started;
  if (parts) {
    await parts.running.close();
    log.info({ ms: Date.now() - begun }, 'workers closed');
    await parts.stopHeartbeat();
    await parts.metricsPublisher.stop();
    await parts.configSubscription.close();
    await parts.context.prisma.$disconnect();
    await parts.redis.quit();
  }
  log.info({ ms: Date.now() - begun }, 'stopped');
  process.exit(0);
}

// Assigned in the same tick as the handlers above, so a signal always finds it.
const started = start();
await started;
