/**
 * Redis under Sentinel, through the product's one connection factory (createRedis with the
 * REDIS_SENTINELS settings): a BullMQ job, a pub/sub message and a session work on the master,
 * after a planned switchover, and after the master is killed — on real redis-servers.
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

/** A fresh master, replica and Sentinel for one describe, with the product's connections through the Sentinel. */
function useSentinelRedis(): void {
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
    for (const redis of opened.splice(0)) redis.disconnect();
    await servers?.dispose();
  });
}

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

/**
 * A job, a pub/sub message and a session, in that order, all on the server at `port`; says when
 * each worked (ms after `since`, the fault).
 */
async function allWorkOn(port: number, since = performance.now()): Promise<string> {
  const n = Math.floor(Math.random() * 1000);
  expect(await jobRoundTrip(n)).toEqual({ doubled: n * 2 });
  const jobs = performance.now() - since;
  expect(await pubSubRoundTrip(`message-${n}`)).toBe(`message-${n}`);
  const pubSub = performance.now() - since;
  expect((await sessionRoundTrip()).status).toBe('active');
  const sessions = performance.now() - since;
  expect(await serverPort(api)).toBe(port);
  expect(await serverPort(subscriber)).toBe(port);
  return `first job round trip done at ${Math.round(jobs)} ms, pub/sub at ${Math.round(pubSub)} ms, session write+read at ${Math.round(sessions)} ms`;
}

describe('Redis under Sentinel, planned switchover', () => {
  useSentinelRedis();

  it('runs jobs, pub/sub and sessions on the master Sentinel names, and on the replica after SENTINEL FAILOVER', async () => {
    const [first, second] = servers.ports;
    await allWorkOn(first);
    const startedAt = performance.now();
    const reconnected = readyAgain(subscriber, 20_000);
    await servers.switchover(20_000);
    const promotedMs = performance.now() - startedAt;
    // Sentinel's +switch-master moves every connection (failoverDetector) while the old master is
    // still up and would take writes; the subscriber comes back re-subscribed.
    await reconnected;
    const figures = await allWorkOn(second, startedAt);
    // Figures for the deployment guide (not asserted: speed is measured, never a test).
    console.log(`sentinel switchover (SENTINEL FAILOVER): replica promoted ${Math.round(promotedMs)} ms after the command; ${figures}`);
  }, 60_000);
});

describe('Redis under Sentinel, master killed', () => {
  useSentinelRedis();

  it('runs jobs, pub/sub and sessions again on the replica Sentinel promotes when the master dies', async () => {
    const [first, second] = servers.ports;
    await allWorkOn(first);
    const startedAt = performance.now();
    const reconnected = readyAgain(subscriber, 30_000);
    await servers.killMaster(30_000);
    const promotedMs = performance.now() - startedAt;
    await reconnected;
    const figures = await allWorkOn(second, startedAt);
    console.log(`sentinel failover (master killed, down-after-milliseconds 1000): replica promoted ${Math.round(promotedMs)} ms after the kill; ${figures}`);
  }, 60_000);
});
