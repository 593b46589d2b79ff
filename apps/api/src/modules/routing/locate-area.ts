/**
 * Where a report is: a point is placed in the seeded grid polygons (GeoJSON, ray casting); an
 * address is matched against grid and street names (longest name first, so a grid wins over
 * its street). Areas are few (~150) and rarely change, so they are read once per call.
 */
import type { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';

export interface LocatedArea {
  id: string;
  path: string;
  level: string;
}

type Ring = number[][];

/** Ray casting over one ring of [lng, lat] pairs. */
export function isPointInRing(lat: number, lng: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function outerRing(boundary: unknown): Ring | null {
  const polygon = boundary as { type?: string; coordinates?: Ring[] } | null;
  if (polygon?.type !== 'Polygon' || !Array.isArray(polygon.coordinates)) return null;
  return polygon.coordinates[0] ?? null;
}

/** The grid containing the point; a point outside every grid is outside the district (400 `location`). */
export async function locatePoint(tx: Prisma.TransactionClient, lat: number, lng: number): Promise<LocatedArea> {
  const grids = await tx.area.findMany({ where: { level: 'grid' }, select: { id: true, path: true, level: true, boundary: true } });
  const hit = grids.find((grid) => {
    const ring = outerRing(grid.boundary);
    return ring !== null && isPointInRing(lat, lng, ring);
  });
  if (!hit) throw new AppError('validation_failed', `The point ${lat}, ${lng} lies outside the district`, { field: 'location' });
  return { id: hit.id, path: hit.path, level: hit.level };
}

/** The grid or street whose name the address mentions, or null when it names none. */
export async function locateAddress(tx: Prisma.TransactionClient, address: string): Promise<LocatedArea | null> {
  const areas = await tx.area.findMany({ where: { level: { in: ['grid', 'street'] } }, select: { id: true, path: true, level: true, name: true } });
  const text = address.toLowerCase();
  const hit = areas
    .filter((area) => text.includes(area.name.toLowerCase()))
    .sort((a, b) => b.name.length - a.name.length)[0];
  return hit ? { id: hit.id, path: hit.path, level: hit.level } : null;
}

/** An area named by id; unknown ids are a 400 on `field`. */
export async function findAreaById(tx: Prisma.TransactionClient, areaId: string, field = 'areaId'): Promise<LocatedArea> {
  const area = await tx.area.findUnique({ where: { id: areaId }, select: { id: true, path: true, level: true } });
  if (!area) throw new AppError('validation_failed', `Unknown area ${areaId}`, { field });
  return area;
}
