/**
 * 70/20/10: where work settles. A closed ticket counts at the level of the unit that held it
 * when it closed (`ticket.level`: grid, street or district). Police-type tickets are left out:
 * they settle at the police desk by design.
 */
import type { PrismaClient } from '@yixian/db';

export interface SettlementShares {
  total: number;
  counts: { grid: number; street: number; district: number };
  shares: { grid: number | null; street: number | null; district: number | null };
}

export async function computeSettlementShares(prisma: PrismaClient, range: { from: Date; to: Date }): Promise<SettlementShares> {
  const groups = await prisma.ticket.groupBy({
    by: ['level'],
    where: { state: 'closed', ticketClass: 'non_police', closedAt: { gte: range.from, lt: range.to } },
    _count: { _all: true },
  });
  const counts = { grid: 0, street: 0, district: 0 };
  for (const group of groups) {
    if (group.level === 'grid' || group.level === 'street' || group.level === 'district') counts[group.level] = group._count._all;
  }
  const total = counts.grid + counts.street + counts.district;
  const share = (n: number) => (total === 0 ? null : n / total);
  return { total, counts, shares: { grid: share(counts.grid), street: share(counts.street), district: share(counts.district) } };
}
