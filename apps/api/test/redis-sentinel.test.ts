/**
 * Redis under Sentinel, through the product's one connection factory (createRedis with the
 * REDIS_SENTINELS settings): a BullMQ job, a pub/sub message and a session work before the
 * master dies and again after Sentinel promotes the replica — on real redis-servers.
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { createSessionStore } from '../src/modules/auth/session-store.js';
import { bullPrefix, createRedis, type RedisConfig } from '@yixian/runtime';
import { SENTINEL_MASTER_NAME, startSentinelRedis, type SentinelRedis } from './helpers/sentinel-redis.js';

const prefix = `test-${randomUUID()}:`;
const channel = `${prefix}live`;
let servers: SentinelRedis;
let config: RedisConfig;
const opened: Redis[] = [];
let queue: Queue;
let worker: Worker;
let queueEvents: QueueEvents;
let api: Redis;
let subscriber: Redis;

const open = (name: string, waitForever: boolean) => {
  const redis = createRedis(config, { name, waitForever });
  opened.push(redis);
  return redis;
};

beforeAll(async () => {
  servers = await startSentinelRedis();
  // Read as the API reads its environment. REDIS_URL's host is deliberately unreachable: with
  // Sentinels only its credentials and database count, the master is whatever Sentinel names.
  config = loadConfig({
    DATABASE_URL: 'postgresql://u@127.0.0.1:5432/unused',
    REDIS_URL: 'redis://no-such-host.invalid:6379/0',
    REDIS_SENTINELS: `127.0.0.1:${servers.sentinelPort}`,
    REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
  }).redis;
  const name = `sentinel-${randomUUID()}`;
  queue = new Queue(name, { connection: open('queue', false), prefix: bullPrefix(prefix) });
  worker = new Worker(name, async (job) => ({ doubled: (job.data as { n: number }).n * 2 }), { connection: open('worker', true), prefix: bullPrefix(prefix) });
  queueEvents = new QueueEvents(name, { connection: open('queue-events', true), prefix: bullPrefix(prefix) });
  // Each errors while the master is gone and reconnects by itself; the test watches the outcomes.
  queue.on('error', () => undefined);
  worker.on('error', () => undefined);
  queueEvents.on('error', () => undefined);
  api = open('api', false);
  subscriber = open('live', true);
  await subscriber.subscribe(channel);
  await Promise.all([worker.waitUntilReady(), queueEvents.waitUntilReady()]);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await queueEvents?.close();
  await queue?.close();
  for (const redis of opened) redis.disconnect();
  await servers?.dispose();
});

async function jobRoundTrip(n: number) {
  const job = await queue.add('double', { n });
  return job.waitUntilFinished(queueEvents, 15_000);
}

async function pubSubRoundTrip(text: string): Promise<string> {
  const heard = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no pub/sub message "${text}" within 15 s`)), 15_000);
    const onMessage = (from: string, message: string) => {
      if (from !== channel || message !== text) return;
      clearTimeout(timer);
      subscriber.off('message', onMessage);
      resolve(message);
    };
    subscriber.on('message', onMessage);
  });
  await api.publish(channel, text);
  return heard;
}

async function sessionRoundTrip() {
  const sessions = createSessionStore({ redis: api, prefix, idleMs: 60_000 });
  const now = new Date();
  const { sid } = await sessions.create(randomUUID(), now);
  return sessions.peek(sid, now);
}

/** Resolves at the connection's next `ready` (errors while it reconnects are expected). */
function readyAgain(redis: Redis, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the connection was not ready again within ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The TCP port of the server a connection talks to now. */
async function serverPort(redis: Redis): Promise<number> {
  return Number(/tcp_port:(\d+)/.exec(await redis.info('server'))?.[1]);
}

describe('Redis under Sentinel', () => {
  it('runs jobs, pub/sub and sessions on the master Sentinel names, and again on the replica it promotes when the master dies', async () => {
    expect(await serverPort(api)).toBe(servers.masterPort);
    expect(await jobRoundTrip(21)).toEqual({ doubled: 42 });
    expect(await pubSubRoundTrip('before')).toBe('before');
    expect((await sessionRoundTrip()).status).toBe('active');

    const killedAt = performance.now();
    const reconnected = readyAgain(subscriber, 20_000);
    await servers.killMaster(20_000);
    const promotedMs = performance.now() - killedAt;
    // The subscriber comes back on its own, re-subscribed (ioredis autoResubscribe).
    await reconnected;

    expect(await jobRoundTrip(50)).toEqual({ doubled: 100 });
    const jobsMs = performance.now() - killedAt;
    expect(await pubSubRoundTrip('after')).toBe('after');
    const pubSubMs = performance.now() - killedAt;
    expect((await sessionRoundTrip()).status).toBe('active');
    const sessionsMs = performance.now() - killedAt;
    expect(await serverPort(api)).toBe(servers.replicaPort);
    expect(await serverPort(subscriber)).toBe(servers.replicaPort);
    // Figures for the deployment guide (not asserted: speed is measured, never a test).
    console.log(`sentinel failover: replica promoted ${Math.round(promotedMs)} ms after the master was killed; `
      + `first job round trip done at ${Math.round(jobsMs)} ms, pub/sub at ${Math.round(pubSubMs)} ms, session write+read at ${Math.round(sessionsMs)} ms`);
  }, 60_000);
});
