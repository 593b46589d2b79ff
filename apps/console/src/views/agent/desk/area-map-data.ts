/** A polygon ring of `[lng, lat]` pairs, as GeoJSON stores it. */
type Ring = [number, number][];

export interface MapShape {
  id: string;
  label: string;
  points: string;
  labelX: number;
  labelY: number;
}

export interface Bounds {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** The outer ring of a GeoJSON Polygon, or null for anything else. */
export function readOuterRing(boundary: unknown): Ring | null {
  if (!boundary || typeof boundary !== 'object') return null;
  const geo = boundary as { type?: unknown; coordinates?: unknown };
  if (geo.type !== 'Polygon' || !Array.isArray(geo.coordinates)) return null;
  const ring = geo.coordinates[0];
  if (!Array.isArray(ring) || ring.length < 3) return null;
  const points = ring.filter((p): p is [number, number] => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number');
  return points.length >= 3 ? points : null;
}

/**
 * Projects area polygons into an SVG box (equirectangular, north up): enough for picking a
 * grid on the seeded district map without any tile server.
 */
export function projectAreas(
  areas: readonly { id: string; label: string; boundary?: unknown }[], width: number, height: number, padding = 4,
): { shapes: MapShape[]; bounds: Bounds | null } {
  const rings = areas.map((a) => ({ area: a, ring: readOuterRing(a.boundary) })).filter((r): r is { area: (typeof areas)[number]; ring: Ring } => r.ring !== null);
  if (rings.length === 0) return { shapes: [], bounds: null };
  const all = rings.flatMap((r) => r.ring);
  const bounds = {
    west: Math.min(...all.map((p) => p[0])), east: Math.max(...all.map((p) => p[0])),
    south: Math.min(...all.map((p) => p[1])), north: Math.max(...all.map((p) => p[1])),
  };
  const spanX = bounds.east - bounds.west || 1;
  const spanY = bounds.north - bounds.south || 1;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const x = (lng: number) => padding + (lng - bounds.west) * scale;
  const y = (lat: number) => padding + (bounds.north - lat) * scale;
  const shapes = rings.map(({ area, ring }) => {
    const xs = ring.map((p) => x(p[0]));
    const ys = ring.map((p) => y(p[1]));
    return {
      id: area.id,
      label: area.label,
      points: ring.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' '),
      labelX: (Math.min(...xs) + Math.max(...xs)) / 2,
      labelY: (Math.min(...ys) + Math.max(...ys)) / 2,
    };
  });
  return { shapes, bounds };
}
