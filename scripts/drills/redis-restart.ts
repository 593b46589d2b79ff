/**
 * Drill: Redis restarts under load, on a private redis-server with an append-only file (fsync
 * every second), while tickets are dispatched over HTTP and the real worker runs their deadline
 * steps. Each round stops Redis one way (clean SIGTERM; SIGKILL; SIGKILL plus the last second of
 * the file lost, as a power cut with `everysec` would), starts it on the same folder and port,
 * and measures the time until every open ticket's current deadline steps are again waiting in
 * BullMQ or done (limit 60 s). Missing steps after the limit are lost; trail entries,
 * notifications or SMS written twice are duplicated.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '@yixian/runtime';
import { createTestDatabase } from '@yixian/db/testing';
import type { DrillDefinition } from './lib/drill-types.js';
import { DRILL_PASSWORD, processEnv, type DrillData } from './lib/drill-services.js';
import { startAofRedis, REDIS_STOPS, type AofRedis, type RedisStop } from './lib/aof-redis.js';
import { startProcess, stopProcess, type DrillProcess } from './lib/child-process.js';
import { startTicketLoad, type TicketLoad } from './lib/ticket-load.js';
import { countWorkflow } from './lib/workflow-checks.js';
import { checkDeadlinePresence, describeMissing, type MissingStep } from './lib/deadline-presence.js';
import { pause, waitUntil } from './lib/wait-for.js';
import { seedDatabase } from '../../prisma/seed/index.js';
import { loadConfig } from '../../apps/api/src/config/config.js';
import { DELIVERY_QUEUES } from '../../apps/api/src/modules/outbox/outbox-topics.js';

const RECOVERY_LIMIT_MS = 60_000;

async function createData(redisUrl: string): Promise<DrillData> {
  const db = await createTestDatabase();
  await seedDatabase(db.prisma, { password: DRILL_PASSWORD });
  const redisPrefix = 'drill-redis-restart:';
  const env = processEnv(db.url, redisUrl, redisPrefix, { LOG_LEVEL: 'info' });
  return { databaseUrl: db.url, redisUrl, redisPrefix, prisma: db.prisma, env, config: loadConfig(env as Record<string, string>), cleanup: () => db.drop() };
}

interface RoundResult {
  how: RedisStop;
  pendingAtFault: number;
  missingAtRestart: number;
  bytesLost: number;
  recoveredMs: number;
  lost: MissingStep[];
}

interface RoundContext { redis: AofRedis; load: TicketLoad; data: DrillData; queue: Queue; quick: boolean; log: (line: string) => void }

async function runRound(how: RedisStop, { redis, load, data, queue, quick, log }: RoundContext): Promise<RoundResult> {
  const presence = () => checkDeadlinePresence(data.prisma, queue, new Date());
  load.start(quick ? 40 : 25);
  await pause(quick ? 2_500 : 10_000);
  redis.markPowerCut();
  await pause(1_000); // the second a power cut would lose
  const atFault = await presence();
  const { bytesLost } = await redis.stop(how);
  await pause(quick ? 1_000 : 5_000); // the load keeps asking while Redis is away
  await redis.start();
  const restartedAt = performance.now();
  const missingAtRestart = (await presence()).missing.length;
  await pause(2_000);
  await load.stop();
  log(`${how}: ${atFault.pendingSteps} steps pending at the fault, ${bytesLost} AOF bytes cut, ${missingAtRestart} missing right after the restart; ${load.created} tickets so far`);
  const left = Math.max(1_000, RECOVERY_LIMIT_MS - (performance.now() - restartedAt));
  const recovered = await waitUntil(async () => (await presence()).missing.length === 0, `every deadline step after the ${how} restart`, { timeoutMs: left, intervalMs: 250 })
    .then(() => Math.round(performance.now() - restartedAt), () => -1);
  // Lost: missing in two reads in a row (a step in flight between stores is not lost).
  const lost = recovered >= 0 ? [] : await (async () => {
    const first = (await presence()).missing;
    await pause(500);
    const again = new Set((await presence()).missing.map((m) => m.jobId));
    return first.filter((m) => again.has(m.jobId));
  })();
  return { how, pendingAtFault: atFault.pendingSteps, missingAtRestart, bytesLost, recoveredMs: recovered, lost };
}

export const redisRestartDrill: DrillDefinition = {
  name: 'redis-restart',
  summary: 'Redis (AOF everysec) restarted under load — clean, SIGKILL, SIGKILL losing the last second (quick: clean, power cut): within 60 s every open ticket has its deadline jobs again; nothing lost or doubled',
  async run({ quick, log }) {
    const redis = await startAofRedis();
    const data = await createData(redis.url);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined); // refused while Redis is down; it reconnects
    const queue = new Queue(DELIVERY_QUEUES.deadlines, { connection, prefix: bullPrefix(data.redisPrefix) });
    const failures: string[] = [];
    let worker: DrillProcess | null = null;
    let load: TicketLoad | null = null;
    try {
      worker = startProcess('worker', data.env);
      await worker.waitForLine(/worker started/, 60_000);
      load = await startTicketLoad(data);
      for (let i = 0; i < 5; i++) await load.createOne();
      const rounds: RoundResult[] = [];
      const stops: RedisStop[] = quick ? [REDIS_STOPS.clean, REDIS_STOPS.power_cut] : [REDIS_STOPS.clean, REDIS_STOPS.hard, REDIS_STOPS.power_cut];
      for (const how of stops) {
        const round = await runRound(how, { redis, load, data, queue, quick, log });
        rounds.push(round);
        if (round.lost.length > 0) failures.push(`${how}: after ${RECOVERY_LIMIT_MS / 1000} s ${describeMissing(round.lost)}`);
        if (worker.child.exitCode !== null || worker.child.signalCode !== null) failures.push(`${how}: the worker exited (${worker.child.exitCode ?? worker.child.signalCode}) during the round:\n${worker.tail()}`);
      }
      const counts = await countWorkflow(data.prisma, new Date());
      const drained = await stopProcess(worker, 'SIGTERM');
      worker = null;
      if (drained.code !== 0) failures.push(`the worker did not drain cleanly on SIGTERM (exit ${drained.code ?? drained.signal})`);
      if (load.created === 0) failures.push('no ticket was created: the load did not run');
      if (counts.stepsDone === 0) failures.push('no deadline step ran: the drill did not exercise the worker');
      const figures: Record<string, number | string | boolean> = {
        tickets: load.created, intakeAnswers: JSON.stringify(load.statuses), stepsDone: counts.stepsDone, notifications: counts.notifications, sms: counts.sms,
        duplicatedTrail: counts.duplicatedTrail, duplicatedNotifications: counts.duplicatedNotifications, duplicatedSms: counts.duplicatedSms,
      };
      for (const round of rounds) {
        const key = round.how.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
        Object.assign(figures, {
          [`${key}PendingAtFault`]: round.pendingAtFault, [`${key}AofBytesLost`]: round.bytesLost, [`${key}MissingAtRestart`]: round.missingAtRestart,
          [`${key}RecoveredMs`]: round.recoveredMs, [`${key}Lost`]: round.lost.length,
        });
      }
      return {
        lost: rounds.reduce((sum, round) => sum + round.lost.length, 0),
        duplicated: counts.duplicatedTrail + counts.duplicatedNotifications + counts.duplicatedSms,
        failures,
        figures,
      };
    } finally {
      if (worker) await stopProcess(worker, 'SIGKILL');
      await load?.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      connection.disconnect();
      await data.cleanup().catch(() => undefined);
      await redis.dispose();
    }
  },
};
