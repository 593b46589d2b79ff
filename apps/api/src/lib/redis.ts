import { Redis } from 'ioredis';

/**
 * Opens a Redis connection. Request paths fail fast when Redis is away (the API answers 503);
 * BullMQ workers and the bridge wait for it forever, as BullMQ's production guide asks.
 */
export function createRedis(url: string, options: { waitForever?: boolean; name?: string } = {}): Redis {
  const redis = new Redis(url, {
    connectionName: options.name,
    maxRetriesPerRequest: options.waitForever ? null : 2,
    enableOfflineQueue: true,
    lazyConnect: true,
  });
  // ioredis reconnects by itself; without a listener each failed attempt is printed as "unhandled".
  redis.on('error', () => undefined);
  return redis;
}
