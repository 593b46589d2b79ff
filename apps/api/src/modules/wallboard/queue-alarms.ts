/**
 * The wallboard's queue alarms (rules in @yixian/domain queue-alarms.ts): the longest wait from
 * the live queue the bridges keep in Redis, the service level from the call records answered
 * in the window. The worker evaluates them every few seconds and pushes the result on the
 * `wallboard` topic; the last result is kept in Redis so a lasting alarm keeps its start and a
 * wallboard that opens reads the same picture (GET /api/wallboard/alarms).
 */
import type { Redis } from 'ioredis';
import type { PrismaClient } from '@yixian/db';
import { TIMELY_ANSWER_SECONDS, evaluateQueueAlarms, type QueueAlarm, type QueueAlarmThresholds } from '@yixian/domain';
import { liveChannel, liveWaitingKey, readHeartbeats } from '@yixian/runtime';
import type { AppConfig } from '../../config/config.js';

/** The topic and message type of the push. */
export const QUEUE_ALARMS_TOPIC = 'wallboard';
export const QUEUE_ALARMS_TYPE = 'queue.alarms';

export interface QueueAlarmsReport {
  type: typeof QUEUE_ALARMS_TYPE;
  at: string;
  thresholds: QueueAlarmThresholds;
  alarms: QueueAlarm[];
}

interface Deps { prisma: PrismaClient; redis: Redis; config: AppConfig; now: Date }

const alarmsKey = (prefix: string) => `${prefix}wallboard:alarms`;

export function thresholdsOf(config: AppConfig): QueueAlarmThresholds {
  return { ...config.queueAlarms, answerSeconds: TIMELY_ANSWER_SECONDS };
}

/** When the caller waiting longest entered the queue, over every PBX that beats (and the configured one). */
async function readOldestWaiting(redis: Redis, config: AppConfig): Promise<string | null> {
  const beats = await readHeartbeats(redis, config.redisPrefix);
  const ids = new Set([config.pbxId, ...beats.filter((beat) => beat.kind === 'bridge').map((beat) => beat.id)]);
  let oldest: string | null = null;
  for (const pbxId of ids) {
    for (const raw of Object.values(await redis.hgetall(liveWaitingKey(config.redisPrefix, pbxId)))) {
      const since = (JSON.parse(raw) as { since?: string }).since;
      if (since && !Number.isNaN(Date.parse(since)) && (oldest === null || Date.parse(since) < Date.parse(oldest))) oldest = since;
    }
  }
  return oldest;
}

/** The calls answered in the window (entered at most a day before it: the enteredAt index). */
async function readAnsweredCalls(prisma: PrismaClient, now: Date, windowMinutes: number) {
  const from = new Date(now.getTime() - windowMinutes * 60_000);
  const rows = await prisma.call.findMany({
    where: { enteredAt: { gte: new Date(from.getTime() - 86_400_000) }, answeredAt: { gt: from, lte: now } },
    select: { answeredAt: true, waitSeconds: true, enteredAt: true },
  });
  return rows.map((row) => ({
    answeredAt: row.answeredAt!,
    waitSeconds: row.waitSeconds ?? Math.round((row.answeredAt!.getTime() - row.enteredAt.getTime()) / 1000),
  }));
}

/** Evaluates the alarms now, keeps the result (with each alarm's start) and returns it. */
export async function evaluateAndStoreQueueAlarms(deps: Deps): Promise<QueueAlarmsReport> {
  const { prisma, redis, config, now } = deps;
  const thresholds = thresholdsOf(config);
  const previousRaw = await redis.get(alarmsKey(config.redisPrefix));
  const previous = previousRaw ? (JSON.parse(previousRaw) as QueueAlarmsReport).alarms : [];
  const [oldestWaitingSince, answeredCalls] = await Promise.all([readOldestWaiting(redis, config), readAnsweredCalls(prisma, now, thresholds.windowMinutes)]);
  const alarms = evaluateQueueAlarms({ now, oldestWaitingSince, answeredCalls, thresholds, previous });
  const report: QueueAlarmsReport = { type: QUEUE_ALARMS_TYPE, at: now.toISOString(), thresholds, alarms };
  await redis.set(alarmsKey(config.redisPrefix), JSON.stringify(report), 'EX', 3600);
  return report;
}

/** The worker's tick: evaluate, keep, and push to every wallboard. */
export async function pushQueueAlarms(deps: Deps): Promise<QueueAlarmsReport> {
  const report = await evaluateAndStoreQueueAlarms(deps);
  await deps.redis.publish(liveChannel(deps.config.redisPrefix, QUEUE_ALARMS_TOPIC), JSON.stringify(report));
  return report;
}
