import type { Redis } from 'ioredis';
import type { PrismaClient } from '@yixian/db';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import type { Clock } from '../lib/clock.js';
import type { SmsGateway } from '../modules/notifications/sms-gateway.js';
import { createQueueProducer, type QueueProducer } from './queue-producer.js';
import type { JobMetrics } from '../modules/metrics/job-metrics.js';

/** What a job processor may use: the same services the API uses, never the HTTP layer. */
export interface WorkerContext {
  config: AppConfig;
  prisma: PrismaClient;
  redis: Redis;
  clock: Clock;
  log: Logger;
  /** Producers for follow-up jobs; created on first use from `redis` when absent. */
  producer?: QueueProducer;
  /** Text messages; the record-only gateway when absent. */
  smsGateway?: SmsGateway;
  /** The worker process's metrics (modules/metrics); absent = nothing counted. */
  metrics?: JobMetrics;
}

/** The context's producer, created once per context from its (worker-style) Redis connection. */
export function producerOf(context: WorkerContext): QueueProducer {
  context.producer ??= createQueueProducer(context.redis, context.config.redisPrefix);
  return context.producer;
}
