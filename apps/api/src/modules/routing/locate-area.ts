/**
 * Where a report is: a point is placed in the grid boundaries (GeoJSON Polygon or MultiPolygon,
 * holes respected, via turf); an address is matched against grid and street names (longest name
 * first, so a grid wins over its street). Areas are few (~150): points and addresses read them
 * from the database on every call, so a boundary an administrator imports places the next report;
 * an area named by id comes from the per-process copy the `areas` topic drops.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { findCachedArea } from '../organisation/organisation-cache.js';

export interface LocatedArea {
  id: string;
  path: string;
  level: string;
}

function isPolygonal(boundary: unknown): boundary is Polygon | MultiPolygon {
  const geometry = boundary as { type?: string; coordinates?: unknown } | null;
  return (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') && Array.isArray(geometry.coordinates);
}

/** True when the point lies inside the boundary (on its edge counts as inside). */
export function isPointInBoundary(lat: number, lng: number, boundary: unknown): boolean {
  return isPolygonal(boundary) && booleanPointInPolygon([lng, lat], boundary);
}

/** The grid containing the point; a point outside every grid is outside the district (400 on `field`, by default `location`). */
export async function locatePoint(tx: Prisma.TransactionClient, lat: number, lng: number, field = 'location'): Promise<LocatedArea> {
  const grids = await tx.area.findMany({ where: { level: 'grid' }, orderBy: { path: 'asc' }, select: { id: true, path: true, level: true, boundary: true } });
  const hit = grids.find((grid) => isPointInBoundary(lat, lng, grid.boundary));
  if (!hit) throw new AppError('validation_failed', `The point ${lat}, ${lng} lies outside the district`, { field });
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
  const area = await findCachedArea(tx, areaId);
  if (!area) throw new AppError('validation_failed', `Unknown area ${areaId}`, { field });
  return { id: area.id, path: area.path, level: area.level };
}
