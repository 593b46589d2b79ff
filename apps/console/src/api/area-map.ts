import { requestClient } from './client';

/** A grid with its GeoJSON boundary, for the desk's location map (no tile server). */
export interface MapArea {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  level: string;
  parentId: string | null;
  path: string;
  centroidLat: number | null;
  centroidLng: number | null;
  boundary?: Record<string, unknown> | null;
}

/** Every area of one level with its boundary polygon. */
export function listAreasWithBoundary(level: 'street' | 'grid'): Promise<MapArea[]> {
  return requestClient.get<MapArea[]>('/areas', { query: { level, withBoundary: true } });
}
