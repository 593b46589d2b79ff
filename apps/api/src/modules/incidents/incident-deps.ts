/**
 * What the incidents module's services use outside a request: the same in the API (from `app`) and
 * in a worker (from its context). The producer is only needed to schedule an alert call's retry.
 */
import type { PrismaClient } from '@yixian/db';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/config.js';
import type { QueueProducer } from '../../jobs/queue-producer.js';
import { createQueueProducer } from '../../jobs/queue-producer.js';
import type { Clock } from '../../lib/clock.js';

export interface IncidentDeps {
  prisma: PrismaClient;
  redis: Redis;
  config: AppConfig;
  clock: Clock;
  producer?: QueueProducer;
}

/** The deps' producer, created once from its Redis connection when first needed. */
export function incidentProducer(deps: IncidentDeps): QueueProducer {
  deps.producer ??= createQueueProducer(deps.redis, deps.config.redisPrefix);
  return deps.producer;
}
