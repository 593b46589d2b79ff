/**
 * Area boundaries: what a boundary must be, and how much two may overlap. Pure functions over
 * GeoJSON (longitude, latitude), measured with turf in square metres on the sphere.
 *
 * A boundary is a Polygon or MultiPolygon whose rings each have at least four positions, close
 * (last = first), hold finite longitudes/latitudes in range, and never cross themselves.
 */
import turfArea from '@turf/area';
import centerOfMass from '@turf/center-of-mass';
import difference from '@turf/difference';
import { feature, featureCollection } from '@turf/helpers';
import intersect from '@turf/intersect';
import kinks from '@turf/kinks';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Boundary = Polygon | MultiPolygon;

/**
 * How much overlap between siblings, or how much of an area outside its parent, is tolerated:
 * hand-digitised boundaries never meet exactly. A sliver counts as a problem when it is more
 * than `share` of the smaller area or more than `squareMetres`, whichever is less.
 */
export const GEOMETRY_TOLERANCE = { share: 0.005, squareMetres: 1_000 } as const;

export interface GeometryProblem {
  problem: 'not_polygon' | 'too_few_points' | 'ring_not_closed' | 'bad_coordinate' | 'self_intersection' | 'empty';
  message: string;
  ring?: number;
  at?: Position;
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function checkRing(ring: unknown, index: number): GeometryProblem | null {
  if (!Array.isArray(ring) || ring.length < 4) {
    return { problem: 'too_few_points', ring: index, message: `ring ${index + 1} has ${Array.isArray(ring) ? ring.length : 0} positions; a closed ring needs at least 4` };
  }
  const bad = ring.find((position) => !isPosition(position) || Math.abs(position[0]!) > 180 || Math.abs(position[1]!) > 90);
  if (bad !== undefined) return { problem: 'bad_coordinate', ring: index, message: `ring ${index + 1} holds ${JSON.stringify(bad)}, not a [longitude, latitude] pair` };
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return { problem: 'ring_not_closed', ring: index, at: first, message: `ring ${index + 1} ends at ${JSON.stringify(last)}, not at its start ${JSON.stringify(first)}` };
  }
  return null;
}

/** The problems of one boundary, none when it is a valid (multi)polygon. */
export function checkBoundary(value: unknown): GeometryProblem[] {
  const geometry = value as { type?: unknown; coordinates?: unknown } | null;
  if (!geometry || typeof geometry !== 'object' || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') || !Array.isArray(geometry.coordinates)) {
    const type = geometry && typeof geometry === 'object' ? String(geometry.type) : String(geometry);
    return [{ problem: 'not_polygon', message: `the geometry is ${type}; only Polygon and MultiPolygon are accepted` }];
  }
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as unknown[];
  if (polygons.length === 0) return [{ problem: 'empty', message: 'the geometry has no polygon' }];
  const rings = polygons.flatMap((polygon) => (Array.isArray(polygon) && polygon.length > 0 ? polygon : [null]));
  const ringProblems = rings.map(checkRing).filter((problem): problem is GeometryProblem => problem !== null);
  if (ringProblems.length > 0) return ringProblems;
  const boundary = geometry as Boundary;
  const crossings = kinks(boundary).features;
  if (crossings.length > 0) {
    return [{ problem: 'self_intersection', at: crossings[0]!.geometry.coordinates, message: `the boundary crosses itself at ${crossings.length} point(s), first at ${JSON.stringify(crossings[0]!.geometry.coordinates)}` }];
  }
  if (turfArea(boundary) <= 0) return [{ problem: 'empty', message: 'the boundary encloses no area' }];
  return [];
}

/** Area in square metres. */
export function areaOf(boundary: Boundary): number {
  return turfArea(boundary);
}

function boundsOf(boundary: Boundary): [number, number, number, number] {
  const positions = (boundary.type === 'Polygon' ? boundary.coordinates : boundary.coordinates.flat()).flat();
  const xs = positions.map((p) => p[0]!);
  const ys = positions.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function boundsMeet(a: Boundary, b: Boundary): boolean {
  const [aw, as, ae, an] = boundsOf(a);
  const [bw, bs, be, bn] = boundsOf(b);
  return aw < be && bw < ae && as < bn && bs < an;
}

/** Square metres two boundaries share. */
export function overlapOf(a: Boundary, b: Boundary): number {
  if (!boundsMeet(a, b)) return 0;
  const shared = intersect(featureCollection([feature(a), feature(b)]));
  return shared ? turfArea(shared) : 0;
}

/** Square metres of `inner` that lie outside `outer`. */
export function outsideOf(inner: Boundary, outer: Boundary): number {
  const rest = difference(featureCollection([feature(inner), feature(outer)]));
  return rest ? turfArea(rest) : 0;
}

/** True when a sliver of `squareMetres` against an area of `reference` m² is beyond the tolerance. */
export function isBeyondTolerance(squareMetres: number, reference: number): boolean {
  return squareMetres > Math.min(GEOMETRY_TOLERANCE.share * reference, GEOMETRY_TOLERANCE.squareMetres);
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** The boundary's centre of mass, for labels and the map's centring. */
export function centroidOf(boundary: Boundary): { lat: number; lng: number } {
  const [lng, lat] = centerOfMass(boundary).geometry.coordinates as [number, number];
  return { lat: round6(lat), lng: round6(lng) };
}
