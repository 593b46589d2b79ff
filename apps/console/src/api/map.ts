/** The phone app's map (apps/api/src/modules/map/README.md): the tile server, and the viewer's areas and open tickets. */
import { requestClient, type RequestOptions } from './client';

/** TILE_URL / TILE_ATTRIBUTION; `tileUrl: null` = no tile layer (a plain background). */
export interface MapSettings {
  tileUrl: string | null;
  tileAttribution: string | null;
}

/** A GeoJSON Polygon or MultiPolygon in WGS 84 ([lng, lat] positions). */
export interface AreaBoundary {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export interface MapAreaView {
  id: string;
  name: string;
  nameEn: string;
  level: string;
  boundary: AreaBoundary | null;
}

export interface MapTicket {
  id: string;
  code: string;
  title: string;
  categoryName: string;
  categoryNameEn: string;
  state: string;
  urgency: string;
  lat: number | null;
  lng: number | null;
  handleDueAt: string | null;
}

export interface MyArea {
  areas: MapAreaView[];
  tickets: MapTicket[];
  /** More open tickets are in scope than the answer carries (the most pressing are kept). */
  truncated: boolean;
}

export function getMapSettings(options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<MapSettings> {
  return requestClient.get<MapSettings>('/map/settings', options);
}

export function getMyArea(options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<MyArea> {
  return requestClient.get<MyArea>('/map/my-area', options);
}
