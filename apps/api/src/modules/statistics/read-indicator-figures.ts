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
import { aggregateIndicatorFacts, type IndicatorFact } from './indicator-facts.js';
import { refreshIndicatorFacts } from './refresh-indicator-facts.js';
import { COUNT_INDICATORS, TICKET_INDICATORS, type TicketIndicator, type UnitIndicatorSets } from './ticket-indicators.js';

const DAY_MS = 24 * 3600_000;
const OFFSET_MS = 8 * 3600_000;
const toDay = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
/** The first Shanghai midnight at or after `at`, and the last at or before it. */
const ceilMidnight = (at: Date) => new Date(Math.ceil((at.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);
const floorMidnight = (at: Date) => new Date(Math.floor((at.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);

export interface IndicatorPeriod { from: Date; to: Date; now: Date; unitIds?: string[] }
export type IndicatorCounts = Record<TicketIndicator, { numerator: number; denominator: number }>;

const FACT_SELECT = { ticketId: true, unitKey: true, indicator: true, seq: true, at: true, hitAt: true, verdict: true, unreplied: true, rollable: true } as const;
const asFacts = (rows: unknown[]) => rows as IndicatorFact[];

function emptyCounts(): IndicatorCounts {
  return Object.fromEntries(TICKET_INDICATORS.map((i) => [i, { numerator: 0, denominator: 0 }])) as IndicatorCounts;
}

/** Numerator and denominator of every indicator per unit key for the period. */
export async function countIndicatorFigures(prisma: PrismaClient, period: IndicatorPeriod): Promise<Map<string, IndicatorCounts>> {
  await refreshIndicatorFacts(prisma);
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
  const unitWhere = period.unitIds ? { unitKey: { in: period.unitIds } } : {};
  const inPeriod = { gte: period.from, lt: period.to };
  const rest = asFacts(await prisma.ticketIndicatorFact.findMany({
    where: whole
      ? { ...unitWhere, OR: [{ rollable: false, at: inPeriod }, { rollable: true, at: { gte: period.from, lt: first } }, { rollable: true, at: { gte: last, lt: period.to } }] }
      : { ...unitWhere, at: inPeriod },
    select: FACT_SELECT,
  }));
  for (const [unitKey, sets] of aggregateIndicatorFacts(rest, period)) {
    for (const indicator of TICKET_INDICATORS) {
      add(unitKey, indicator, 'numerator', sets[indicator].numerator.size);
      if (!COUNT_INDICATORS.includes(indicator)) add(unitKey, indicator, 'denominator', sets[indicator].denominator.size);
    }
  }
  // Counts (督办, 通报) are given against the dispatched set, on-time sign-for's denominator.
  for (const unit of counts.values()) {
    for (const indicator of COUNT_INDICATORS) unit[indicator].denominator = unit.on_time_sign.denominator;
  }
  return counts;
}

/** The ticket sets behind one indicator of one unit for the period (drill-down), from the facts. */
export async function readIndicatorSets(prisma: PrismaClient, period: Omit<IndicatorPeriod, 'unitIds'> & { unitId: string; indicator: TicketIndicator }): Promise<UnitIndicatorSets[TicketIndicator]> {
  await refreshIndicatorFacts(prisma);
  const indicators: TicketIndicator[] = COUNT_INDICATORS.includes(period.indicator) ? [period.indicator, 'on_time_sign'] : [period.indicator];
  const facts = asFacts(await prisma.ticketIndicatorFact.findMany({
    where: { unitKey: period.unitId, indicator: { in: indicators }, at: { gte: period.from, lt: period.to } },
    select: FACT_SELECT,
  }));
  const sets = aggregateIndicatorFacts(facts, period).get(period.unitId);
  return sets ? sets[period.indicator] : { numerator: new Set(), denominator: new Set() };
}
