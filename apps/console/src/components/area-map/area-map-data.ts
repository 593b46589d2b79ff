/**
 * Area polygons projected into an SVG box (equirectangular, north up), without any tile server:
 * the desk picks a grid on it, the administration page shows an area and its children. Polygon
 * and MultiPolygon boundaries are drawn by their outer rings.
 */
/** A polygon ring of `[lng, lat]` pairs, as GeoJSON stores it. */
type Ring = [number, number][];

export interface MapShape {
  id: string;
  label: string;
  /** SVG points of the first (or only) polygon. */
  points: string;
  /** SVG points of every polygon of a MultiPolygon (the first is `points`). */
  polygons: string[];
  labelX: number;
  labelY: number;
}

export interface Bounds {
  west: number;
  east: number;
  south: number;
  north: number;
}

function toRing(raw: unknown): Ring | null {
  if (!Array.isArray(raw) || raw.length < 3) return null;
  const points = raw.filter((p): p is [number, number] => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number');
  return points.length >= 3 ? points : null;
}

/** The outer rings of a GeoJSON Polygon or MultiPolygon (empty for anything else). */
export function readOuterRings(boundary: unknown): Ring[] {
  if (!boundary || typeof boundary !== 'object') return [];
  const geo = boundary as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(geo.coordinates)) return [];
  const polygons = geo.type === 'Polygon' ? [geo.coordinates] : geo.type === 'MultiPolygon' ? geo.coordinates : [];
  return polygons.map((polygon) => (Array.isArray(polygon) ? toRing(polygon[0]) : null)).filter((ring): ring is Ring => ring !== null);
}

/** The outer ring of a GeoJSON Polygon (the first polygon's for a MultiPolygon), or null. */
export function readOuterRing(boundary: unknown): Ring | null {
  return readOuterRings(boundary)[0] ?? null;
}

export function projectAreas(
  areas: readonly { id: string; label: string; boundary?: unknown }[], width: number, height: number, padding = 4,
): { shapes: MapShape[]; bounds: Bounds | null } {
  const rings = areas.map((a) => ({ area: a, rings: readOuterRings(a.boundary) })).filter((r) => r.rings.length > 0);
  if (rings.length === 0) return { shapes: [], bounds: null };
  const all = rings.flatMap((r) => r.rings.flat());
  const bounds = {
    west: Math.min(...all.map((p) => p[0])), east: Math.max(...all.map((p) => p[0])),
    south: Math.min(...all.map((p) => p[1])), north: Math.max(...all.map((p) => p[1])),
  };
  const spanX = bounds.east - bounds.west || 1;
  const spanY = bounds.north - bounds.south || 1;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const x = (lng: number) => padding + (lng - bounds.west) * scale;
  const y = (lat: number) => padding + (bounds.north - lat) * scale;
  const shapes = rings.map(({ area, rings: own }) => {
    const xs = own.flat().map((p) => x(p[0]));
    const ys = own.flat().map((p) => y(p[1]));
    const polygons = own.map((ring) => ring.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' '));
    return {
      id: area.id,
      label: area.label,
      points: polygons[0]!,
      polygons,
      labelX: (Math.min(...xs) + Math.max(...xs)) / 2,
      labelY: (Math.min(...ys) + Math.max(...ys)) / 2,
    };
  });
  return { shapes, bounds };
}
