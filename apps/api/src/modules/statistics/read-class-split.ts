/**
 * Police vs non-police (警务类 / 非警务类) per day, week or month: tickets created by class from
 * the daily ticket rollup, calls offered on 110 vs the other hotlines from the hourly call rollup,
 * and the diversions both ways (110 → 12345 非警务警情分流, 12345 → 110 push) from the trail's
 * `divert` entries through its (action, at) index — never a scan of the period's rows.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import { shanghaiDay } from './ticket-rollup.js';

export const CLASS_SPLIT_GROUPS = ['day', 'week', 'month'] as const;
export type ClassSplitGroup = (typeof CLASS_SPLIT_GROUPS)[number];

/** The police hotline: its calls are police-type by default (DOMAIN.md). */
export const POLICE_HOTLINE = '110';

export const CLASS_SPLIT_COLUMNS = ['police', 'nonPolice', 'total', 'policeShare', 'calls110', 'callsOther', 'divertedToNonPolice', 'pushedToPolice'] as const;

export interface ClassSplitRow {
  key: string;
  police: number;
  nonPolice: number;
  total: number;
  /** police / total; null without tickets. */
  policeShare: number | null;
  calls110: number;
  callsOther: number;
  /** 110 → 12345: police tickets diverted to the non-police workflow. */
  divertedToNonPolice: number;
  /** 12345 → 110: non-police tickets pushed to the police. */
  pushedToPolice: number;
}

/** A Shanghai-local key of a `date` (day) or `timestamptz` expression. */
const keyOf = (groupBy: ClassSplitGroup, expr: string) => ({
  day: `to_char(${expr}, 'YYYY-MM-DD')`,
  week: `to_char(date_trunc('week', ${expr}), 'YYYY-MM-DD')`,
  month: `to_char(${expr}, 'YYYY-MM')`,
})[groupBy];

const emptyRow = (key: string): ClassSplitRow => ({ key, police: 0, nonPolice: 0, total: 0, policeShare: null, calls110: 0, callsOther: 0, divertedToNonPolice: 0, pushedToPolice: 0 });

export async function readClassSplit(prisma: PrismaClient, query: { from: Date; to: Date; groupBy: ClassSplitGroup }) {
  const firstDay = shanghaiDay(query.from);
  const lastDay = shanghaiDay(new Date(query.to.getTime() - 1));
  const [tickets, calls, diversions] = await Promise.all([
    prisma.$queryRaw<{ key: string; police: number; nonPolice: number }[]>`
      SELECT ${Prisma.raw(keyOf(query.groupBy, '"day"'))} AS key,
             coalesce(sum("created") FILTER (WHERE "ticketClass" = 'police'), 0)::int AS police,
             coalesce(sum("created") FILTER (WHERE "ticketClass" <> 'police'), 0)::int AS "nonPolice"
        FROM "ticket_rollup" WHERE "day" >= ${firstDay}::date AND "day" <= ${lastDay}::date
       GROUP BY 1`,
    prisma.$queryRaw<{ key: string; calls110: number; callsOther: number }[]>`
      SELECT ${Prisma.raw(keyOf(query.groupBy, `("hour" + interval '8 hours')`))} AS key,
             coalesce(sum("offered") FILTER (WHERE "hotline" = ${POLICE_HOTLINE}), 0)::int AS calls110,
             coalesce(sum("offered") FILTER (WHERE "hotline" <> ${POLICE_HOTLINE}), 0)::int AS "callsOther"
        FROM "call_rollup" WHERE "hour" >= ${query.from} AND "hour" < ${query.to}
       GROUP BY 1`,
    prisma.$queryRaw<{ key: string; toNonPolice: number; toPolice: number }[]>`
      SELECT ${Prisma.raw(keyOf(query.groupBy, `("at" + interval '8 hours')`))} AS key,
             count(*) FILTER (WHERE "data"->>'toClass' = 'non_police')::int AS "toNonPolice",
             count(*) FILTER (WHERE "data"->>'toClass' = 'police')::int AS "toPolice"
        FROM "ticket_event" WHERE "action" = 'divert' AND "at" >= ${query.from} AND "at" < ${query.to}
       GROUP BY 1`,
  ]);
  const byKey = new Map<string, ClassSplitRow>();
  const row = (key: string) => byKey.get(key) ?? byKey.set(key, emptyRow(key)).get(key)!;
  for (const t of tickets) Object.assign(row(t.key), { police: t.police, nonPolice: t.nonPolice });
  for (const c of calls) Object.assign(row(c.key), { calls110: c.calls110, callsOther: c.callsOther });
  for (const d of diversions) Object.assign(row(d.key), { divertedToNonPolice: d.toNonPolice, pushedToPolice: d.toPolice });
  const total = emptyRow('total');
  const rows = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key)).map((r) => {
    r.total = r.police + r.nonPolice;
    r.policeShare = r.total === 0 ? null : r.police / r.total;
    for (const name of ['police', 'nonPolice', 'total', 'calls110', 'callsOther', 'divertedToNonPolice', 'pushedToPolice'] as const) total[name] += r[name];
    return r;
  });
  total.policeShare = total.total === 0 ? null : total.police / total.total;
  return { rows, total };
}
