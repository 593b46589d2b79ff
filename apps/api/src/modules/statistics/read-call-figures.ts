/**
 * Call figures for any period and grouping, read from the hourly rollup (hours whose start lies in
 * [from, to)). Groups are Shanghai-local: days, ISO weeks from Monday, months. AHT is talk time per
 * answered call (the PBX reports no wrap-up time yet). An empty period gives zero counts and null rates.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import { computeCallFigures, type CallCounts, type CallFigures } from '@yixian/domain';

export const CALL_GROUPS = ['hour', 'day', 'week', 'month', 'hotline'] as const;
export type CallGroup = (typeof CALL_GROUPS)[number];

const KEY_SQL: Record<CallGroup, string> = {
  hour: `to_char("hour" + interval '8 hours', 'YYYY-MM-DD HH24:00')`,
  day: `to_char("hour" + interval '8 hours', 'YYYY-MM-DD')`,
  week: `to_char(date_trunc('week', "hour" + interval '8 hours'), 'YYYY-MM-DD')`,
  month: `to_char("hour" + interval '8 hours', 'YYYY-MM')`,
  hotline: `"hotline"`,
};

export type CallFigureRow = { key: string } & Omit<CallCounts, 'totalWrapUpSeconds'> & CallFigures;

interface RawRow { key: string; offered: bigint; answered: bigint; abandoned: bigint; w15: bigint; wsl: bigint; asl: bigint; wait: bigint; talk: bigint }

function toRow(key: string, c: Omit<CallCounts, 'totalWrapUpSeconds'>): CallFigureRow {
  return { key, ...c, ...computeCallFigures({ ...c, totalWrapUpSeconds: 0 }) };
}

/** Rows per group (sorted by key) and the period's total. */
export async function readCallFigures(prisma: PrismaClient, query: { from: Date; to: Date; groupBy: CallGroup; hotline?: string }) {
  const key = Prisma.raw(KEY_SQL[query.groupBy]);
  const hotline = query.hotline ? Prisma.sql` AND "hotline" = ${query.hotline}` : Prisma.empty;
  const raw = await prisma.$queryRaw<RawRow[]>`
    SELECT ${key} AS key, sum("offered") AS offered, sum("answered") AS answered, sum("abandoned") AS abandoned,
           sum("answeredWithin15s") AS w15, sum("answeredWithinThreshold") AS wsl, sum("abandonedWithinThreshold") AS asl,
           sum("totalWaitSeconds") AS wait, sum("totalTalkSeconds") AS talk
      FROM "call_rollup" WHERE "hour" >= ${query.from} AND "hour" < ${query.to}${hotline}
     GROUP BY 1 ORDER BY 1`;
  const total = { offered: 0, answered: 0, abandoned: 0, answeredWithin15s: 0, answeredWithinThreshold: 0, abandonedWithinThreshold: 0, totalWaitSeconds: 0, totalTalkSeconds: 0 };
  const rows = raw.map((r) => {
    const counts = {
      offered: Number(r.offered), answered: Number(r.answered), abandoned: Number(r.abandoned), answeredWithin15s: Number(r.w15),
      answeredWithinThreshold: Number(r.wsl), abandonedWithinThreshold: Number(r.asl), totalWaitSeconds: Number(r.wait), totalTalkSeconds: Number(r.talk),
    };
    for (const name of Object.keys(total) as (keyof typeof total)[]) total[name] += counts[name];
    return toRow(r.key, counts);
  });
  return { rows, total: toRow('total', total) };
}
