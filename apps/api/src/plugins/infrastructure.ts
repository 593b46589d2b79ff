/**
 * Stage one: the connections every service needs. Declared as a named plugin so that a
 * service plugin depending on `infrastructure` fails at boot when it is missing.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { createPrismaClient, type PrismaClient } from '@yixian/db';
import type { AppConfig } from '../config/config.js';
import type { Clock } from '../lib/clock.js';
import { createRedis } from '@yixian/runtime';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    clock: Clock;
    prisma: PrismaClient;
    /**
     * The client of the heavy read-only figures (statistics, drill-downs, reports, assessment
     * reads): the replica at DATABASE_REPLICA_URL, else the primary itself. Never for a read that
     * must see this request's own write (a ticket just created): the replica may lag behind.
     */
    readPrisma: PrismaClient;
    redis: Redis;
  }
}

export interface InfrastructureOptions {
  config: AppConfig;
  clock: Clock;
}

async function infrastructurePlugin(app: FastifyInstance, options: InfrastructureOptions): Promise<void> {
  app.decorate('config', options.config);
  app.decorate('clock', options.clock);
  const prisma = createPrismaClient(options.config.databaseUrl);
  const redis = createRedis(options.config.redis, { name: 'api' });
  await redis.connect();
  const readPrisma = options.config.databaseReplicaUrl ? createPrismaClient(options.config.databaseReplicaUrl) : prisma;
  app.decorate('prisma', prisma);
  app.decorate('readPrisma', readPrisma);
  app.decorate('redis', redis);
  app.addHook('onClose', async () => {
    await prisma.$disconnect();
    if (readPrisma !== prisma) await readPrisma.$disconnect();
    await redis.quit().catch(() => redis.disconnect());
  });
}

export default fp(infrastructurePlugin, { name: 'infrastructure' });
