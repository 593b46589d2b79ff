/**
 * BullMQ producers for the processes that enqueue (the outbox dispatcher, the sweeper): one
 * `Queue` per name, all on one shared connection, opened on first use and closed together.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix } from '@yixian/runtime';

export interface QueueProducer {
  /** The queue of that name under this deployment's BullMQ prefix. */
  get(name: string): Queue;
  close(): Promise<void>;
}

/** The connection should be a worker-style one (`maxRetriesPerRequest: null`); it stays open after close(). */
export function createQueueProducer(connection: Redis, redisPrefix: string): QueueProducer {
  const queues = new Map<string, Queue>();
  return {
    get(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new Queue(name, { connection, prefix: bullPrefix(redisPrefix) });
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      queues.clear();
    },
  };
}
