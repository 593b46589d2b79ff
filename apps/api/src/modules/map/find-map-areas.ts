/**
 * The areas a viewer's map draws, one level below each area of its scope so the map shows where
 * work lies without drawing the whole district: a grid is itself, a street is its grids, the
 * district is its streets. A district-wide scope (`scope.all`) is the district's streets. A scope
 * of units only (a department's handler) falls back to the account's own area.
 */
import type { PrismaClient } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { MAP_AREA_CAP } from './map.schemas.js';

export interface MapArea {
  id: string;
  name: string;
  nameEn: string;
  level: string;
  boundary: unknown;
}

const SELECT = { id: true, name: true, nameEn: true, level: true, boundary: true } as const;

/** The areas of `actor`'s map, by path, at most MAP_AREA_CAP. */
export async function findMapAreas(prisma: PrismaClient, actor: Actor): Promise<MapArea[]> {
  if (actor.scope.all) return prisma.area.findMany({ where: { level: 'street' }, orderBy: { path: 'asc' }, take: MAP_AREA_CAP, select: SELECT });
  const rootIds = actor.scope.areaIds.length > 0 ? actor.scope.areaIds : actor.areaId ? [actor.areaId] : [];
  if (rootIds.length === 0) return [];
  const roots = await prisma.area.findMany({ where: { id: { in: rootIds } }, select: { id: true, level: true } });
  const grids = roots.filter((area) => area.level === 'grid').map((area) => area.id);
  const parents = roots.filter((area) => area.level !== 'grid').map((area) => area.id);
  return prisma.area.findMany({
    where: { OR: [{ id: { in: grids } }, { parentId: { in: parents } }] },
    orderBy: { path: 'asc' },
    take: MAP_AREA_CAP,
    select: SELECT,
  });
}
