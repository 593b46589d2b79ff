/** The area tree as the administration page reads it: every area without its polygon, then one area's polygons on demand. */
import type { Prisma } from '@yixian/db';

const AREA_FIELDS = {
  id: true, code: true, name: true, nameEn: true, level: true, parentId: true, path: true, centroidLat: true, centroidLng: true, version: true,
} as const satisfies Prisma.AreaSelect;

/** Every area in path order (parents before children), with whether it has a boundary and how many children. */
export async function listAreaTree(db: Prisma.TransactionClient) {
  const rows = await db.area.findMany({
    orderBy: { path: 'asc' },
    select: { ...AREA_FIELDS, boundary: true, _count: { select: { children: true } } },
  });
  return rows.map(({ boundary, _count, ...row }) => ({ ...row, hasBoundary: boundary !== null, childCount: _count.children }));
}

/** One area and its children, each with its boundary (the map of the selected area). */
export async function findAreaWithChildren(db: Prisma.TransactionClient, id: string) {
  const area = await db.area.findUnique({ where: { id }, select: { ...AREA_FIELDS, boundary: true } });
  if (!area) return null;
  const children = await db.area.findMany({ where: { parentId: id }, orderBy: { code: 'asc' }, select: { ...AREA_FIELDS, boundary: true } });
  const parent = area.parentId
    ? await db.area.findUnique({ where: { id: area.parentId }, select: { ...AREA_FIELDS, boundary: true } })
    : null;
  return { area, children, parent };
}
