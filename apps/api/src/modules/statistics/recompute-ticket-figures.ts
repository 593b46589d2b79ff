/**
 * The reference: every unit's indicator sets for a period recomputed from the raw trail, cut at
 * the period's end, with `collectIndicatorSets` — no facts, no rollup. Slow on a city's year (it
 * reads every trail that can reach into the period); used to check the rollup (the tests and the
 * statistics benchmark), never to serve a view.
 */
import type { PrismaClient } from '@yixian/db';
import { collectIndicatorSets } from './collect-indicator-sets.js';
import { loadTrailTickets } from './load-trail-tickets.js';
import type { UnitIndicatorSets } from './ticket-indicators.js';

/** The longest a handling window can reach back: 15 working days + a 5-day extension + holidays, with margin. */
const LOOKBACK_MS = 120 * 24 * 3600_000;

export async function recomputeIndicatorSets(prisma: PrismaClient, period: { from: Date; to: Date; now: Date }): Promise<Map<string, UnitIndicatorSets>> {
  const since = new Date(period.from.getTime() - LOOKBACK_MS);
  const ids = await prisma.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT "ticketId" AS id FROM ticket_event WHERE at >= ${since} AND at < ${period.to}`;
  const { tickets, context } = await loadTrailTickets(prisma, ids.map((row) => row.id), { before: period.to });
  return collectIndicatorSets(tickets, { ...period, ...context });
}
