/**
 * End to end through real TCP, Redis, BullMQ and PostgreSQL: the PBX simulator → the bridge
 * → `call-events` → the calls processor → Call records. Only the clock of the simulator is
 * driven by the test; nothing is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createPbxSimulator, type PbxSimulator } from '@yixian/ami/simulator';
import { createRedisPrefix, createTestDatabase, type TestDatabase } from '@yixian/db/testing';
import { CALL_EVENTS_QUEUE, bullPrefix } from '@yixian/runtime';
import { seedDatabase } from '../../../prisma/seed/index.js';
import { callEventsQueue } from '../../api/src/modules/calls/calls.jobs.js';
import { loadConfig } from '../../api/src/config/config.js';
import { systemClock } from '../../api/src/lib/clock.js';
import { createBridge, type Bridge } from '../src/bridge.js';
// The drills' proxy: one loopback proxy that cuts and restores the AMI link, shared with the fault drills.
import { createTcpProxy } from '../../../scripts/drills/lib/tcp-proxy.js';

let db: TestDatabase;
let redisPrefix: ReturnType<typeof createRedisPrefix>;
let sim: PbxSimulator;
let proxy: Awaited<ReturnType<typeof createTcpProxy>>;
let bridge: Bridge;
let worker: Worker;
let redis: Redis;
const processed: { kind: string; linkedid?: string }[] = [];
const waiters: { test: () => boolean; resolve: () => void }[] = [];

function waitFor(test: () => boolean, label: string, timeoutMs = 15_000): Promise<void> {
  if (test()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), timeoutMs);
    waiters.push({ test, resolve: () => { clearTimeout(timer); resolve(); } });
  });
}
function notify(): void {
  for (const waiter of [...waiters]) if (waiter.test()) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(); }
}
const processedCount = (kind: string, linkedid?: string) => processed.filter((p) => p.kind === kind && (!linkedid || p.linkedid === linkedid)).length;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { password: 'x' });
  redisPrefix = createRedisPrefix();
  const prefix = `${redisPrefix.prefix}:`;
  sim = createPbxSimulator({ clock: 'manual', username: 'yixian', secret: 's3cret' });
  await sim.listen();
  proxy = await createTcpProxy(sim.port);
  const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: redisPrefix.url, REDIS_PREFIX: prefix });
  redis = new Redis(redisPrefix.url, { maxRetriesPerRequest: null });
  worker = new Worker(CALL_EVENTS_QUEUE, (job) => callEventsQueue.process(job, { config, prisma: db.prisma, redis, clock: systemClock, log: pino({ level: 'silent' }) }), {
    connection: new Redis(redisPrefix.url, { maxRetriesPerRequest: null }),
    prefix: bullPrefix(prefix),
    concurrency: 1,
  });
  worker.on('completed', (job) => {
    processed.push({ kind: job.data.kind, linkedid: job.data.linkedid });
    notify();
  });
  bridge = createBridge(
    { amiUrl: `ami://yixian:s3cret@127.0.0.1:${proxy.port}`, redis: { url: redisPrefix.url }, redisPrefix: prefix, pbxId: 'pbx1', queue: 'hotline', logLevel: 'silent' },
    pino({ level: 'silent' }),
    { reconnectBaseMs: 50, reconnectMaxMs: 200 },
  );
  bridge.start();
  await waitFor(() => processedCount('pbx.resync') >= 1, 'first resync');
});

afterAll(async () => {
  await bridge?.close();
  await worker?.close();
  await redis?.quit();
  await proxy?.close();
  await sim?.close();
  await redisPrefix?.cleanup();
  await db?.drop();
});

describe('calls through the bridge', () => {
  it('an answered 12345 call becomes one completed call record with wait and talk times', async () => {
    const { linkedid } = sim.placeCall({ hotline: '12345', callerNumber: '13800138000', callerName: '张三', patienceS: 60, talkS: 8 });
    for (let i = 0; i < 30; i++) sim.tick(1000);
    await waitFor(() => processedCount('call.completed', linkedid) === 1, 'completion');
    const call = await db.prisma.call.findUniqueOrThrow({ where: { linkedid } });
    expect(call).toMatchObject({ hotlineNumber: '12345', hotlineId: 'hl-12345', callerNumber: '13800138000', callerName: '张三', state: 'completed', pbxId: 'pbx1', resynced: false });
    expect(call.waitSeconds).toBe(3);
    expect(call.talkSeconds).toBeGreaterThanOrEqual(8);
    expect(call.agentInterface).toMatch(/^Local\/800\d@agents/);
    expect(call.answeredAt!.getTime() - call.enteredAt.getTime()).toBe(3000);
  });

  it('keeps caller numbers out of every job payload', async () => {
    const queue = new Queue(CALL_EVENTS_QUEUE, { connection: redis, prefix: bullPrefix(`${redisPrefix.prefix}:`) });
    const jobs = await queue.getJobs(['completed', 'waiting', 'active'], 0, 1000);
    expect(jobs.length).toBeGreaterThan(0);
    expect(JSON.stringify(jobs.map((job) => job.data))).not.toContain('13800138000');
    await queue.close();
  });

  it('an abandoned call keeps its position and wait', async () => {
    const { linkedid } = sim.placeCall({ hotline: '12369', callerNumber: '13900139000', patienceS: 2 });
    for (let i = 0; i < 5; i++) sim.tick(1000);
    await waitFor(() => processedCount('call.abandoned', linkedid) === 1, 'abandon');
    const call = await db.prisma.call.findUniqueOrThrow({ where: { linkedid } });
    expect(call).toMatchObject({ state: 'abandoned', hotlineNumber: '12369', abandonPosition: 1, answeredAt: null });
    // Asterisk reports whole seconds held (the recording b shows 1 for a 2-second patience).
    expect(call.waitSeconds).toBeGreaterThanOrEqual(1);
    expect(call.waitSeconds).toBeLessThanOrEqual(2);
  });

  it('a link cut during calls loses and duplicates no call record, and closes calls that ended meanwhile', async () => {
    const before = await db.prisma.call.count();
    const calls = ['12345', '110', '580'].map((hotline, i) => sim.placeCall({ hotline, callerNumber: `1370000000${i}`, patienceS: 120, talkS: 600 }));
    for (let i = 0; i < 5; i++) sim.tick(1000);
    await waitFor(() => calls.every((c) => processedCount('call.answered', c.linkedid) === 1), 'three answered calls');
    const resyncsBefore = processedCount('pbx.resync');

    const noticed = new Promise((resolve) => bridge.client.once('disconnected', resolve));
    proxy.cut();
    await noticed;
    sim.hangup(calls[0]!.linkedid, 'caller');
    sim.hangup(calls[1]!.linkedid, 'agent');
    proxy.restore();
    await waitFor(() => processedCount('pbx.resync') > resyncsBefore, 'resync after reconnect');

    const rows = await db.prisma.call.findMany({ where: { linkedid: { in: calls.map((c) => c.linkedid) } }, orderBy: { enteredAt: 'asc' } });
    expect(rows).toHaveLength(3);
    const byId = new Map(rows.map((row) => [row.linkedid, row]));
    expect(byId.get(calls[0]!.linkedid)).toMatchObject({ state: 'completed', resynced: true });
    expect(byId.get(calls[1]!.linkedid)).toMatchObject({ state: 'completed', resynced: true });
    expect(byId.get(calls[2]!.linkedid)).toMatchObject({ state: 'answered', resynced: false });

    sim.hangup(calls[2]!.linkedid, 'agent');
    await waitFor(() => processedCount('call.completed', calls[2]!.linkedid) === 1, 'the live call to end normally');
    expect(await db.prisma.call.findUniqueOrThrow({ where: { linkedid: calls[2]!.linkedid } })).toMatchObject({ state: 'completed', resynced: false });
    expect(await db.prisma.call.count()).toBe(before + 3);
  });

  it('a PBX restart (FullyBooted, Uptime 0) ends every call exactly once and resyncs', async () => {
    const before = await db.prisma.call.count();
    const calls = ['12345', '12315'].map((hotline, i) => sim.placeCall({ hotline, callerNumber: `1360000000${i}`, patienceS: 120, talkS: 600 }));
    for (let i = 0; i < 5; i++) sim.tick(1000);
    await waitFor(() => calls.every((c) => processedCount('call.answered', c.linkedid) === 1), 'answered calls');
    const resyncsBefore = processedCount('pbx.resync');
    await sim.restart();
    await waitFor(() => processedCount('pbx.resync') > resyncsBefore, 'resync after the restart');
    const rows = await db.prisma.call.findMany({ where: { linkedid: { in: calls.map((c) => c.linkedid) } } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.state).toBe('completed');
      expect(row.endedAt).not.toBeNull();
    }
    expect(await db.prisma.call.count()).toBe(before + 2);
    expect(await db.prisma.call.count({ where: { state: { in: ['offered', 'ringing', 'answered'] } } })).toBe(0);
  });

  it('a replayed event changes nothing', async () => {
    const call = await db.prisma.call.findFirstOrThrow({ where: { state: 'completed', resynced: false } });
    const queue = new Queue(CALL_EVENTS_QUEUE, { connection: redis, prefix: bullPrefix(`${redisPrefix.prefix}:`) });
    const done = processedCount('call.answered', call.linkedid);
    await queue.add('call.answered', { kind: 'call.answered', eventId: 'replay', pbxId: 'pbx1', linkedid: call.linkedid, at: new Date().toISOString(), hotline: '12345', queue: 'hotline', agent: { interface: 'Local/8004@agents/n', memberName: 'x' }, holdTime: 99, ringTime: 1 });
    await waitFor(() => processedCount('call.answered', call.linkedid) === done + 1, 'the replay');
    const after = await db.prisma.call.findUniqueOrThrow({ where: { linkedid: call.linkedid } });
    expect(after).toEqual(call);
    await queue.close();
  });
});
