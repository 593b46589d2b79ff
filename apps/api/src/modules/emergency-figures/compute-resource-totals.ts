/**
 * What was dispatched in [from, to): the sums of `allocated` of the allocations allocated in the
 * period (allocated, or since returned), per measure — vehicle trips, person-times, tonnes …
 * With `unitIds` only the unit's own resources count.
 */
import type { PrismaClient } from '@yixian/db';

export async function computeResourceTotals(prisma: PrismaClient, query: { from: Date; to: Date; unitIds: string[] | null }) {
  const rows = await prisma.resourceAllocation.findMany({
    where: {
      allocatedAt: { gte: query.from, lt: query.to }, state: { in: ['allocated', 'returned'] },
      ...(query.unitIds ? { resource: { unitId: { in: query.unitIds } } } : {}),
    },
    select: { allocated: true, incidentId: true, resource: { select: { measure: true } } },
  });
  const byMeasure: Record<string, number> = {};
  for (const row of rows) byMeasure[row.resource.measure] = (byMeasure[row.resource.measure] ?? 0) + row.allocated;
  return { allocations: rows.length, incidents: new Set(rows.map((row) => row.incidentId)).size, byMeasure };
}
