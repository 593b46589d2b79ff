/**
 * Several worker copies (WORKER_PROCESSES > 1) on one database and Redis, each with its own
 * context and connections as separate processes would have:
 * - a repeatable job's schedule is shared: each of its slots runs once, on one copy;
 * - events of one call processed at the same moment by two copies leave the record they would
 *   leave one after another (no write puts back what the other changed).
 */
import { randomUUID } from 'node:crypto';
import { Queue, type Job } from 'bullmq';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@yixian/db';
import { bullPrefix } from '@yixian/runtime';
import { startWorkers } from '../src/jobs/start-workers.js';
import type { QueueDefinition } from '../src/jobs/registry.js';
import type { WorkerContext } from '../src/jobs/worker-context.js';
import { applyCallEvent } from '../src/modules/calls/calls.jobs.js';
import { createTestApp, TEST_START, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let context: WorkerContext;

beforeAll(async () => {
  t = await createTestApp();
  context = { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: pino({ level: 'silent' }) };
});
afterAll(async () => {
  await t?.close();
});

describe('two worker copies', () => {
  it('run each slot of a shared repeatable schedule once', async () => {
    const EVERY_MS = 400;
    const RUNS = 6;
    const runs: { copy: number; jobId: string }[] = [];
    let reached: () => void = () => undefined;
    const enough = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const definition = (copy: number): QueueDefinition => ({
      name: `copies-${randomUUID()}`,
      concurrency: 1,
      repeat: [{ schedulerId: 'copies-tick', everyMs: EVERY_MS, jobName: 'copies.tick' }],
      async process(job: Job) {
        runs.push({ copy, jobId: job.id! });
        if (runs.length >= RUNS) reached();
      },
    });
    const name = definition(0).name;
    // The same queue and scheduler id in both copies, as the registry gives every worker process.
    const queues = [0, 1].map((copy) => ({ ...definition(copy), name }));
    const copies = await Promise.all(queues.map((queue) => startWorkers({ ...context, producer: undefined }, [queue], { relay: false })));
    const queue = new Queue(name, { connection: t.app.redis, prefix: bullPrefix(t.redisPrefix) });
    try {
      await Promise.race([enough, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${runs.length} runs`)), 20_000))]);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key)).toEqual(['copies-tick']);
      // A slot is `repeat:<scheduler>:<its time>`: each ran once, and the times are a schedule's.
      const ids = runs.map((run) => run.jobId);
      expect(new Set(ids).size).toBe(ids.length);
      const slots = ids.map((id) => Number(id.split(':').at(-1))).sort((a, b) => a - b);
      for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(EVERY_MS);
    } finally {
      await Promise.all(copies.map((copy) => copy.close()));
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });

  it('leave a call as its events say when both apply events of it at the same moment', async () => {
    const otherPrisma = createPrismaClient(t.app.config.databaseUrl);
    const other: WorkerContext = { ...context, prisma: otherPrisma };
    // A third session holds the call's row, so that both copies have read the call before either
    // may write it: the widest race two copies can run into, made certain instead of likely.
    const holder = new pg.Client({ connectionString: t.app.config.databaseUrl });
    await holder.connect();
    try {
      const at = (seconds: number) => new Date(TEST_START.getTime() + seconds * 1000).toISOString();
      const linkedid = `${TEST_START.getTime() / 1000}.${randomUUID().slice(0, 8)}`;
      const base = { pbxId: 'default', hotline: '12345', linkedid, agent: { interface: 'PJSIP/8101' } };
      await applyCallEvent(context, { ...base, kind: 'call.offered', at: at(0), eventId: randomUUID() });
      // Asked outside the holder's transaction, whose view of pg_stat_activity stays as first read.
      const waiting = async (count: number) => {
        const deadline = Date.now() + 4_000;
        for (;;) {
          const [row] = await t.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
          if (row!.n >= count) return;
          if (Date.now() > deadline) throw new Error(`only ${row!.n} of ${count} copies wait for the call`);
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM "call" WHERE "linkedid" = $1 FOR UPDATE', [linkedid]);
      // The answer first on one copy, then the (earlier) ringing on the other: both wait.
      const answer = applyCallEvent(other, { ...base, kind: 'call.answered', at: at(5), eventId: randomUUID(), holdTime: 5 });
      await waiting(1);
      const ring = applyCallEvent(context, { ...base, kind: 'call.ringing', at: at(2), eventId: randomUUID() });
      await waiting(2);
      await holder.query('COMMIT');
      await Promise.all([answer, ring]);
      const call = await t.prisma.call.findUniqueOrThrow({ where: { linkedid } });
      expect(call).toMatchObject({ state: 'answered', agentInterface: 'PJSIP/8101', waitSeconds: 5 });
      expect(call.ringAt?.toISOString()).toBe(at(2));
      expect(call.answeredAt?.toISOString()).toBe(at(5));
    } finally {
      await holder.end();
      await otherPrisma.$disconnect();
    }
  });
});
