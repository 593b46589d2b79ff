/**
 * Reads the ticket indicators of a period from the rollup and the facts (after a refresh, so every
 * committed trail entry counts). Whole Shanghai days inside the period come from `indicator_rollup`
 * (a numerator met on a later day counts when that day is before the period's end); the rest — the
 * partial days at the edges, a numerator met on the last partial day, and every ticket with several
 * facts for one unit and indicator or an unreplied deadline — from `ticket_indicator_fact`, grouped
 * per ticket as indicator-facts.ts defines. A ticket is in exactly one of the two parts for one unit
 * and indicator, so the counts add up.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { FACT_MODES, SATISFIED_VERDICTS, UNREACHABLE_VERDICT } from './indicator-facts.js';
import { refreshIndicatorFacts } from './refresh-indicator-facts.js';
import { COUNT_INDICATORS, TICKET_INDICATORS, type TicketIndicator } from './ticket-indicators.js';

const DAY_MS = 24 * 3600_000;
const OFFSET_MS = 8 * 3600_000;
const toDay = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
/** The first Shanghai midnight at or after `at`, and the last at or before it. */
const ceilMidnight = (at: Date) => new Date(Math.ceil((at.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);
const floorMidnight = (at: Date) => new Date(Math.floor((at.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);

export interface IndicatorPeriod {
  from: Date; to: Date; now: Date; unitIds?: string[];
  /** Marked tickets a read refreshes at most before it answers (default {@link READ_CATCH_UP}). */
  catchUpLimit?: number;
}

/**
 * A read brings the facts up to date first (the worker keeps the backlog small). After a bulk
 * import or a migration the backlog is large: rather than answer from stale facts or hold the
 * request for minutes, the read then refuses with 503 and how many tickets are left.
 */
export const READ_CATCH_UP = 5_000;

async function catchUp(prisma: PrismaClient, limit = READ_CATCH_UP): Promise<void> {
  const refreshed = await refreshIndicatorFacts(prisma, { maxTickets: limit });
  if (refreshed < limit) return;
  const [left] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "ticket_indicator_dirty"`;
  if (left && left.n > 0) {
    throw new AppError('service_unavailable', `Ticket figures are being brought up to date: ${left.n} tickets left; try again shortly (or run pnpm db:rebuild-rollups)`);
  }
}
export type IndicatorCounts = Record<TicketIndicator, { numerator: number; denominator: number }>;


function emptyCounts(): IndicatorCounts {
  return Object.fromEntries(TICKET_INDICATORS.map((i) => [i, { numerator: 0, denominator: 0 }])) as IndicatorCounts;
}

/** Numerator and denominator of every indicator per unit key for the period. */
export async function countIndicatorFigures(prisma: PrismaClient, period: IndicatorPeriod): Promise<Map<string, IndicatorCounts>> {
  await catchUp(prisma, period.catchUpLimit);
  const counts = new Map<string, IndicatorCounts>();
  const add = (unitKey: string, indicator: string, part: 'numerator' | 'denominator', value: number) => {
    if (!value) return;
    let unit = counts.get(unitKey);
    if (!unit) { unit = emptyCounts(); counts.set(unitKey, unit); }
    unit[indicator as TicketIndicator][part] += value;
  };
  const units = period.unitIds ? Prisma.sql` AND "unitKey" = ANY(${period.unitIds}::text[])` : Prisma.empty;
  const first = ceilMidnight(period.from);
  const last = floorMidnight(period.to);
  const whole = first < last;
  if (whole) {
    const rows = await prisma.$queryRaw<{ unitKey: string; indicator: string; denominator: number; numerator: number }[]>`
      SELECT "unitKey", "indicator", sum("denominator")::int AS denominator,
             coalesce(sum("numerator") FILTER (WHERE "hitDay" < ${toDay(last)}::date), 0)::int AS numerator
        FROM "indicator_rollup" WHERE "day" >= ${toDay(first)}::date AND "day" < ${toDay(last)}::date${units}
       GROUP BY 1, 2`;
    for (const row of rows) { add(row.unitKey, row.indicator, 'denominator', row.denominator); add(row.unitKey, row.indicator, 'numerator', row.numerator); }
    if (period.to > last) {
      const late = await prisma.$queryRaw<{ unitKey: string; indicator: string; numerator: number }[]>`
        SELECT "unitKey", "indicator", count(*)::int AS numerator FROM "ticket_indicator_fact"
         WHERE "hitAt" >= ${last} AND "hitAt" < ${period.to} AND "rollable" AND "at" >= ${first} AND "at" < ${last}
           AND "indicator" <> 'satisfaction'${units}
         GROUP BY 1, 2`;
      for (const row of late) add(row.unitKey, row.indicator, 'numerator', row.numerator);
    }
  }
  // What the rollup does not cover: rollable facts on the partial edge days, every other fact in the period.
  const edges = whole
    ? Prisma.sql`((f."at" >= ${period.from} AND f."at" < ${first}) OR (f."at" >= ${last} AND f."at" < ${period.to}))`
    : Prisma.sql`f."at" >= ${period.from} AND f."at" < ${period.to}`;
  const grouped = await prisma.$queryRaw<{ unitKey: string; indicator: string; denominator: number; numerator: number }[]>`
    SELECT "unitKey", "indicator", count(*) FILTER (WHERE den)::int AS denominator, count(*) FILTER (WHERE num)::int AS numerator
      FROM (${membershipSql(Prisma.sql`${edges}${units}`, Prisma.sql`f."at" >= ${period.from} AND f."at" < ${period.to}${units}`, period)}) AS m
     GROUP BY 1, 2`;
  for (const row of grouped) {
    add(row.unitKey, row.indicator, 'numerator', row.numerator);
    if (!COUNT_INDICATORS.includes(row.indicator as TicketIndicator)) add(row.unitKey, row.indicator, 'denominator', row.denominator);
  }
  // Counts (督办, 通报) are given against the dispatched set, on-time sign-for's denominator.
  for (const unit of counts.values()) {
    for (const indicator of COUNT_INDICATORS) unit[indicator].denominator = unit.on_time_sign.denominator;
  }
  return counts;
}

/** The ticket sets behind one indicator of one unit for the period (drill-down), from the facts. */
export async function readIndicatorSets(
  prisma: PrismaClient, period: Omit<IndicatorPeriod, 'unitIds'> & { unitId: string; indicator: TicketIndicator },
): Promise<{ numerator: string[]; denominator: string[] }> {
  await catchUp(prisma, period.catchUpLimit);
  // Counts (督办, 通报) list the dispatched set (on-time sign-for's denominator) as theirs.
  const denominatorOf: TicketIndicator = COUNT_INDICATORS.includes(period.indicator) ? 'on_time_sign' : period.indicator;
  const where = Prisma.sql`f."unitKey" = ${period.unitId} AND f."indicator" IN (${Prisma.join([...new Set([period.indicator, denominatorOf])])})
      AND f."at" >= ${period.from} AND f."at" < ${period.to}`;
  const rows = await prisma.$queryRaw<{ ticketId: string; indicator: string; den: boolean; num: boolean }[]>`
    SELECT "ticketId", "indicator", den, num FROM (${membershipSql(where, where, period)}) AS m
     ORDER BY "ticketId" COLLATE "C"`;
  return {
    numerator: rows.filter((r) => r.indicator === period.indicator && r.num).map((r) => r.ticketId),
    denominator: rows.filter((r) => r.indicator === denominatorOf && r.den).map((r) => r.ticketId),
  };
}

/**
 * One page of the tickets behind one indicator of one unit (the numerator or the denominator, by
 * ticket id), sorted and cut in the database; the totals come from {@link countIndicatorFigures}.
 */
export async function readIndicatorPage(
  prisma: PrismaClient,
  query: Omit<IndicatorPeriod, 'unitIds'> & { unitId: string; indicator: TicketIndicator; part: 'numerator' | 'denominator'; offset: number; limit: number },
): Promise<{ numerator: number; denominator: number; ids: string[] }> {
  const counts = (await countIndicatorFigures(prisma, { ...query, unitIds: [query.unitId] })).get(query.unitId);
  const listed: TicketIndicator = query.part === 'denominator' && COUNT_INDICATORS.includes(query.indicator) ? 'on_time_sign' : query.indicator;
  const where = Prisma.sql`f."unitKey" = ${query.unitId} AND f."indicator" = ${listed} AND f."at" >= ${query.from} AND f."at" < ${query.to}`;
  const rows = await prisma.$queryRaw<{ ticketId: string }[]>`
    SELECT "ticketId" FROM (${membershipSql(where, where, query)}) AS m
     WHERE ${query.part === 'numerator' ? Prisma.sql`num` : Prisma.sql`den`}
     ORDER BY "ticketId" COLLATE "C" LIMIT ${query.limit} OFFSET ${query.offset}`;
  return {
    numerator: counts?.[query.indicator].numerator ?? 0,
    denominator: counts?.[query.indicator].denominator ?? 0,
    ids: rows.map((row) => row.ticketId),
  };
}

const byMode = (mode: string) => Prisma.join(TICKET_INDICATORS.filter((i) => FACT_MODES[i] === mode));

/**
 * One row per (unit, indicator, ticket) with `den` and `num` decided as `decideMembership`
 * (indicator-facts.ts) decides them: `every`, `any` or `last` over the ticket's facts in the period
 * (an unreplied deadline only once passed). Rollable facts matching `rollableWhere` are their
 * ticket's only fact for the unit and indicator, so they need no grouping; the other facts matching
 * `groupedWhere` are grouped per ticket. Each arm is written so that an index serves it.
 */
function membershipSql(rollableWhere: Prisma.Sql, groupedWhere: Prisma.Sql, period: { to: Date; now: Date }): Prisma.Sql {
  const hit = Prisma.sql`(f."hitAt" IS NOT NULL AND f."hitAt" < ${period.to})`;
  const last = Prisma.sql`(array_agg(f."verdict" ORDER BY f."seq" DESC))[1]`;
  const lastMode = Prisma.sql`f."indicator" IN (${byMode('last')})`;
  return Prisma.sql`
    SELECT f."unitKey", f."indicator", f."ticketId",
           CASE WHEN ${lastMode} THEN f."verdict" IS DISTINCT FROM ${UNREACHABLE_VERDICT} ELSE true END AS den,
           CASE WHEN ${lastMode} THEN coalesce(f."verdict" IN (${Prisma.join(SATISFIED_VERDICTS)}), false) ELSE ${hit} END AS num
      FROM "ticket_indicator_fact" f
     WHERE f."rollable" AND ${rollableWhere}
    UNION ALL
    SELECT f."unitKey", f."indicator", f."ticketId",
           CASE WHEN ${lastMode} THEN ${last} IS DISTINCT FROM ${UNREACHABLE_VERDICT} ELSE true END AS den,
           CASE WHEN ${lastMode} THEN coalesce(${last} IN (${Prisma.join(SATISFIED_VERDICTS)}), false)
                WHEN f."indicator" IN (${byMode('every')}) THEN bool_and(${hit})
                ELSE bool_or(${hit}) END AS num
      FROM "ticket_indicator_fact" f
     WHERE NOT f."rollable" AND ${groupedWhere} AND (NOT f."unreplied" OR f."at" < ${period.now})
     GROUP BY f."unitKey", f."indicator", f."ticketId"`;
}
