/**
 * What was dispatched: the sums of `allocated` over allocations allocated in [from, to) (returned
 * ones still count: the trips were made), by measure — vehicle trips (车次), person-times (人次),
 * tonnes … — overall and per incident. Summed by the database.
 */
import type { PrismaClient } from '@yixian/db';
import { ALLOCATION_STATES } from '@yixian/domain';

export interface ResourceTotals {
  byMeasure: Record<string, number>;
  byIncident: { incident: { id: string; code: string; title: string }; byMeasure: Record<string, number> }[];
}

export async function sumResourceTotals(prisma: PrismaClient, filter: { from?: Date; to?: Date; incidentId?: string }): Promise<ResourceTotals> {
  const from = filter.from?.toISOString() ?? null;
  const to = filter.to?.toISOString() ?? null;
  const incidentId = filter.incidentId ?? null;
  const rows = await prisma.$queryRaw<{ incidentId: string; measure: string; total: number }[]>`
    SELECT a."incidentId", r.measure, SUM(a.allocated)::float8 AS total
    FROM resource_allocation a JOIN resource r ON r.id = a."resourceId"
    WHERE a.state IN (${ALLOCATION_STATES.allocated}, ${ALLOCATION_STATES.returned})
      AND (${from}::timestamp IS NULL OR a."allocatedAt" >= ${from}::timestamp)
      AND (${to}::timestamp IS NULL OR a."allocatedAt" < ${to}::timestamp)
      AND (${incidentId}::text IS NULL OR a."incidentId" = ${incidentId}::text)
    GROUP BY a."incidentId", r.measure`;
  const byMeasure: Record<string, number> = {};
  const perIncident = new Map<string, Record<string, number>>();
  for (const row of rows) {
    byMeasure[row.measure] = (byMeasure[row.measure] ?? 0) + row.total;
    const sums = perIncident.get(row.incidentId) ?? {};
    sums[row.measure] = (sums[row.measure] ?? 0) + row.total;
    perIncident.set(row.incidentId, sums);
  }
  const incidents = perIncident.size
    ? await prisma.incident.findMany({ where: { id: { in: [...perIncident.keys()] } }, select: { id: true, code: true, title: true }, orderBy: { code: 'asc' } })
    : [];
  return { byMeasure, byIncident: incidents.map((incident) => ({ incident, byMeasure: perIncident.get(incident.id)! })) };
}
