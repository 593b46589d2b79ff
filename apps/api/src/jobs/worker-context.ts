import type { Redis } from 'ioredis';
import type { PrismaClient } from '@yixian/db';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import type { Clock } from '../lib/clock.js';

/** What a job processor may use: the same services the API uses, never the HTTP layer. */
export interface WorkerContext {
  config: AppConfig;
  prisma: PrismaClient;
  redis: Redis;
  clock: Clock;
  log: Logger;
}
