/**
 * 70/20/10: where work settles. A closed ticket counts at the level of the unit that held it
 * when it closed (`ticket.level`: grid, street or district). Police-type tickets are left out:
 * they settle at the police desk by design. A closed ticket's level no longer changes, so a past
 * period gives the same split whenever it is asked for.
 *
 * The grid workers' own work is broken out per level: `onSpot` (自处: filed already settled, its
 * `create` entry marked `onSpot` by patrol/handle-on-spot.ts — always level grid) and `patrol`
 * (巡查上报: other tickets of channel `grid_patrol`, routed grid-first and settled wherever they
 * closed). The two never overlap.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import { CHANNELS } from '@yixian/domain';

export const SETTLEMENT_LEVELS = ['grid', 'street', 'district'] as const;
export type SettlementLevel = (typeof SETTLEMENT_LEVELS)[number];

/** The district's target split (DOMAIN.md: about 70 % in the grid, 20 % at the street, 10 % at district departments). */
export const SETTLEMENT_NORMS: Readonly<Record<SettlementLevel, number>> = Object.freeze({ grid: 0.7, street: 0.2, district: 0.1 });


export interface SettlementShares {
  total: number;
  counts: Record<SettlementLevel, number>;
  shares: Record<SettlementLevel, number | null>;
  norms: Record<SettlementLevel, number>;
  /** Of each level's count: handled on the spot, and patrol reports routed there. */
  breakdown: Record<SettlementLevel, { onSpot: number; patrol: number }>;
}

interface LevelRow { level: string; total: number; onSpot: number; patrol: number }

export async function computeSettlementShares(prisma: PrismaClient, range: { from: Date; to: Date }): Promise<SettlementShares> {
  const rows = await prisma.$queryRaw<LevelRow[]>`
    SELECT "level", count(*)::int AS total,
           count(*) FILTER (WHERE "channel" = ${CHANNELS.grid_patrol} AND on_spot)::int AS "onSpot",
           count(*) FILTER (WHERE "channel" = ${CHANNELS.grid_patrol} AND NOT on_spot)::int AS patrol
      FROM (SELECT t."level", t."channel",
                   EXISTS (SELECT 1 FROM "ticket_event" e
                            WHERE e."ticketId" = t."id" AND e."action" = 'create' AND e."data" @> ${Prisma.sql`'{"onSpot": true}'::jsonb`}) AS on_spot
              FROM "ticket" t
             WHERE t."state" = 'closed' AND t."ticketClass" = 'non_police' AND t."closedAt" >= ${range.from} AND t."closedAt" < ${range.to}) AS closed
     GROUP BY "level"`;
  const counts = { grid: 0, street: 0, district: 0 };
  const breakdown = { grid: { onSpot: 0, patrol: 0 }, street: { onSpot: 0, patrol: 0 }, district: { onSpot: 0, patrol: 0 } };
  for (const row of rows) {
    if (!(SETTLEMENT_LEVELS as readonly string[]).includes(row.level)) continue;
    const level = row.level as SettlementLevel;
    counts[level] = row.total;
    breakdown[level] = { onSpot: row.onSpot, patrol: row.patrol };
  }
  const total = counts.grid + counts.street + counts.district;
  const share = (n: number) => (total === 0 ? null : n / total);
  return {
    total, counts, shares: { grid: share(counts.grid), street: share(counts.street), district: share(counts.district) },
    norms: { ...SETTLEMENT_NORMS }, breakdown,
  };
}
