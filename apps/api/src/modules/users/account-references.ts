/**
 * The reference data an account points at — units, areas, categories — loaded once per request
 * (an import checks 1,700 rows against it): ids to check, names to show, and names or codes to
 * read back from an import file. The district has a few hundred of each.
 */
import type { PrismaClient } from '@yixian/db';
import type { NameLookup } from './account-view.js';

export interface RefUnit { id: string; code: string; name: string; nameEn: string; areaId: string; active: boolean }
export interface RefArea { id: string; code: string; name: string; nameEn: string; level: string; path: string }
export interface RefCategory { id: string; code: string; name: string; nameEn: string }

export interface AccountReferences extends NameLookup {
  units: Map<string, RefUnit>;
  areas: Map<string, RefArea>;
  categories: Map<string, RefCategory>;
  /** Ids of the areas inside `areaId`'s subtree, itself included. */
  subtreeAreaIds(areaId: string): string[];
  /** Whether `areaId` is `rootId` or below it. */
  isInsideArea(areaId: string, rootId: string): boolean;
}

export async function loadAccountReferences(prisma: PrismaClient): Promise<AccountReferences> {
  const [units, areas, categories] = await Promise.all([
    prisma.unit.findMany({ select: { id: true, code: true, name: true, nameEn: true, areaId: true, active: true } }),
    prisma.area.findMany({ select: { id: true, code: true, name: true, nameEn: true, level: true, path: true } }),
    prisma.category.findMany({ select: { id: true, code: true, name: true, nameEn: true } }),
  ]);
  const areaMap = new Map(areas.map((area) => [area.id, area]));
  const isInsideArea = (areaId: string, rootId: string) => {
    const area = areaMap.get(areaId);
    const root = areaMap.get(rootId);
    return !!area && !!root && (area.path === root.path || area.path.startsWith(`${root.path}/`));
  };
  const unitMap = new Map(units.map((unit) => [unit.id, unit]));
  return {
    units: unitMap,
    areas: areaMap,
    categories: new Map(categories.map((category) => [category.id, category])),
    subtreeAreaIds: (areaId) => areas.filter((area) => isInsideArea(area.id, areaId)).map((area) => area.id),
    isInsideArea,
    unitName: (id) => (id ? unitMap.get(id)?.name ?? null : null),
    areaName: (id) => (id ? areaMap.get(id)?.name ?? null : null),
  };
}
