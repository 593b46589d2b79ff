/**
 * Today's figures for the supervisors' wallboard, counted in SQL from the call and ticket
 * tables ("today" is the local day in Asia/Shanghai per the app clock). Issue 6's rollups
 * replace the raw counts for long periods; a single day stays small enough to count directly.
 */
import type { PrismaClient } from '@yixian/db';
import { computeCallFigures, TIMELY_ANSWER_SECONDS } from '@yixian/domain';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Midnight (local) of the clock's day, as a UTC instant, and the next midnight. */
export function localDay(now: Date): { from: Date; to: Date } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI_OFFSET_MS;
  return { from: new Date(midnight), to: new Date(midnight + 24 * 3600_000) };
}

interface CallRow { hotline: string; hour: number; offered: bigint; answered: bigint; abandoned: bigint; within15: bigint; wait: bigint; talk: bigint }

export async function readWallboard(prisma: PrismaClient, now: Date) {
  const { from, to } = localDay(now);
  const rows = await prisma.$queryRaw<CallRow[]>`
    SELECT "hotlineNumber" AS hotline,
           EXTRACT(HOUR FROM ("enteredAt" + interval '8 hours'))::int AS hour,
           count(*) AS offered,
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL) AS answered,
           count(*) FILTER (WHERE state = 'abandoned') AS abandoned,
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL AND "waitSeconds" <= ${TIMELY_ANSWER_SECONDS}) AS within15,
           coalesce(sum("waitSeconds") FILTER (WHERE "answeredAt" IS NOT NULL), 0) AS wait,
           coalesce(sum("talkSeconds"), 0) AS talk
      FROM "call"
     WHERE "enteredAt" >= ${from} AND "enteredAt" < ${to}
     GROUP BY 1, 2`;
  const totals = { offered: 0, answered: 0, abandoned: 0, answeredWithin15s: 0, totalWaitSeconds: 0, totalTalkSeconds: 0 };
  const byHotline: Record<string, number> = {};
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const row of rows) {
    const offered = Number(row.offered);
    totals.offered += offered;
    totals.answered += Number(row.answered);
    totals.abandoned += Number(row.abandoned);
    totals.answeredWithin15s += Number(row.within15);
    totals.totalWaitSeconds += Number(row.wait);
    totals.totalTalkSeconds += Number(row.talk);
    byHotline[row.hotline] = (byHotline[row.hotline] ?? 0) + offered;
    byHour[row.hour] = (byHour[row.hour] ?? 0) + offered;
  }
  const figures = computeCallFigures({
    ...totals,
    answeredWithinThreshold: totals.answeredWithin15s,
    abandonedWithinThreshold: 0,
    totalWrapUpSeconds: 0,
  });
  const [ticketClasses, overdue] = await Promise.all([
    prisma.ticket.groupBy({ by: ['ticketClass'], where: { createdAt: { gte: from, lt: to } }, _count: true }),
    prisma.ticket.groupBy({
      by: ['leadUnitId'],
      where: { handleDueAt: { lt: now }, state: { in: ['dispatched', 'signed', 'in_progress', 'reopened', 'returned'] } },
      _count: true,
    }),
  ]);
  const unitNames = new Map(
    (await prisma.unit.findMany({ where: { id: { in: overdue.map((o) => o.leadUnitId).filter((id): id is string => !!id) } }, select: { id: true, name: true, nameEn: true } }))
      .map((unit) => [unit.id, unit]),
  );
  return {
    day: from.toISOString(),
    calls: { ...totals, byHotline, byHour },
    figures: {
      connectionRate: figures.connectionRate,
      timelyAnswerRate: figures.timelyAnswerRate,
      abandonRate: figures.abandonRate,
      averageSpeedOfAnswer: figures.averageSpeedOfAnswer,
      averageHandleTime: figures.averageHandleTime,
    },
    tickets: {
      police: ticketClasses.find((c) => c.ticketClass === 'police')?._count ?? 0,
      nonPolice: ticketClasses.find((c) => c.ticketClass === 'non_police')?._count ?? 0,
    },
    overdueByUnit: overdue
      .filter((o) => o.leadUnitId)
      .map((o) => ({ unitId: o.leadUnitId!, name: unitNames.get(o.leadUnitId!)?.name ?? o.leadUnitId!, nameEn: unitNames.get(o.leadUnitId!)?.nameEn ?? o.leadUnitId!, count: o._count }))
      .sort((a, b) => b.count - a.count),
  };
}
