/**
 * A resource as the API answers it, with what is committed now (allocated to incidents and not yet
 * returned) and what is left; and an allocation with its resource and unit by name.
 */
import type { Prisma, PrismaClient, Resource, ResourceAllocation } from '@yixian/db';
import { ALLOCATION_STATES } from '@yixian/domain';

type Db = Pick<PrismaClient | Prisma.TransactionClient, 'resourceAllocation' | 'unit'>;

export interface ResourceView {
  id: string; unit: { id: string; name: string }; kind: string; name: string; measure: string;
  quantity: number; committed: number; available: number; note: string; active: boolean; version: number;
}

/** What each resource has out now: the sum of `allocated` over its allocations still allocated. */
export async function committedOf(db: Pick<Db, 'resourceAllocation'>, resourceIds: readonly string[]): Promise<Map<string, number>> {
  if (resourceIds.length === 0) return new Map();
  const rows = await db.resourceAllocation.groupBy({
    by: ['resourceId'], where: { resourceId: { in: [...resourceIds] }, state: ALLOCATION_STATES.allocated }, _sum: { allocated: true },
  });
  return new Map(rows.map((row) => [row.resourceId, row._sum.allocated ?? 0]));
}

export async function presentResources(db: Db, resources: readonly Resource[]): Promise<ResourceView[]> {
  const [committed, units] = await Promise.all([
    committedOf(db, resources.map((resource) => resource.id)),
    db.unit.findMany({ where: { id: { in: [...new Set(resources.map((resource) => resource.unitId))] } }, select: { id: true, name: true } }),
  ]);
  const unitOf = new Map(units.map((unit) => [unit.id, unit]));
  return resources.map((resource) => {
    const out = committed.get(resource.id) ?? 0;
    return {
      id: resource.id, unit: unitOf.get(resource.unitId) ?? { id: resource.unitId, name: resource.unitId }, kind: resource.kind, name: resource.name,
      measure: resource.measure, quantity: resource.quantity, committed: out, available: Math.max(0, resource.quantity - out),
      note: resource.note, active: resource.active, version: resource.version,
    };
  });
}

export interface AllocationView {
  id: string; incident: { id: string; code: string; title: string };
  resource: { id: string; name: string; kind: string; measure: string; unit: { id: string; name: string } };
  state: string; requested: number; allocated: number; requestedAt: string; allocatedAt: string | null; returnedAt: string | null; note: string;
}

export async function presentAllocations(
  db: Pick<PrismaClient | Prisma.TransactionClient, 'unit'>,
  allocations: readonly (ResourceAllocation & { resource: Resource; incident: { id: string; code: string; title: string } })[],
): Promise<AllocationView[]> {
  const units = await db.unit.findMany({ where: { id: { in: [...new Set(allocations.map((row) => row.resource.unitId))] } }, select: { id: true, name: true } });
  const unitOf = new Map(units.map((unit) => [unit.id, unit]));
  return allocations.map((row) => ({
    id: row.id, incident: row.incident,
    resource: {
      id: row.resource.id, name: row.resource.name, kind: row.resource.kind, measure: row.resource.measure,
      unit: unitOf.get(row.resource.unitId) ?? { id: row.resource.unitId, name: row.resource.unitId },
    },
    state: row.state, requested: row.requested, allocated: row.allocated, requestedAt: row.requestedAt.toISOString(),
    allocatedAt: row.allocatedAt?.toISOString() ?? null, returnedAt: row.returnedAt?.toISOString() ?? null, note: row.note,
  }));
}

export const ALLOCATION_INCLUDE = { resource: true, incident: { select: { id: true, code: true, title: true } } } as const;
