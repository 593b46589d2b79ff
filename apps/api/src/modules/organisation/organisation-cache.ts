/**
 * Areas and units as routing, intake and the detail view read them, held per process and dropped
 * on the `areas` / `units` topics (config-changes/config-cache.ts): a district has ~150 areas and
 * a few hundred units, read on every create and dispatch. Boundaries are left out (a point is
 * placed by locate-area.ts, which reads them when a report carries one).
 */
import type { Prisma } from '@yixian/db';
import { createConfigCache } from '../config-changes/config-cache.js';

export interface CachedArea {
  id: string;
  path: string;
  level: string;
  name: string;
  nameEn: string;
  parentId: string | null;
}

export interface CachedUnit {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  type: string;
  areaId: string;
  active: boolean;
}

type OrganisationReader = Pick<Prisma.TransactionClient, 'area' | 'unit'>;

const areas = createConfigCache(['areas'], async (db: OrganisationReader) => {
  const rows = await db.area.findMany({ select: { id: true, path: true, level: true, name: true, nameEn: true, parentId: true } });
  return new Map(rows.map((row) => [row.id, row]));
});

/** Units sorted by code, so that "the first active unit of a type in an area" is the same unit the database's ORDER BY code gave. */
const units = createConfigCache(['units'], async (db: OrganisationReader) => {
  const rows = await db.unit.findMany({
    orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, nameEn: true, type: true, areaId: true, active: true },
  });
  return { sorted: rows, byId: new Map(rows.map((row) => [row.id, row])) };
});

export async function findCachedArea(db: OrganisationReader, id: string): Promise<CachedArea | null> {
  return (await areas.get(db)).get(id) ?? null;
}

export async function findCachedUnit(db: OrganisationReader, id: string): Promise<CachedUnit | null> {
  return (await units.get(db)).byId.get(id) ?? null;
}

/** The first active unit of `type` in the area (by code), or null. */
export async function findCachedAreaUnit(db: OrganisationReader, type: string, areaId: string): Promise<CachedUnit | null> {
  return (await units.get(db)).sorted.find((unit) => unit.type === type && unit.areaId === areaId && unit.active) ?? null;
}
