/** The phone app's map: its tile settings, and the viewer's areas with their open tickets. */
import { Type, type Static } from 'typebox';
import { AUTH_ERRORS } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** Open tickets one answer carries at most (the most pressing first); past it `truncated` is true. */
export const MAP_TICKET_CAP = 500;
/** Areas one answer carries at most: a district-wide viewer gets the 14 streets, never all 133 grids. */
export const MAP_AREA_CAP = 200;

export const MapSettingsSchema = Type.Object({
  /** TILE_URL, a template with {z}, {x} and {y}; null = no tiles (a plain background). */
  tileUrl: Nullable(Type.String()),
  /** TILE_ATTRIBUTION as plain text; null = none. */
  tileAttribution: Nullable(Type.String()),
});
export type MapSettings = Static<typeof MapSettingsSchema>;

export const MapAreaSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.String(),
  /** GeoJSON Polygon or MultiPolygon (WGS 84); null when the area has none yet. */
  boundary: Nullable(Type.Unknown()),
});

export const MapTicketSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: Type.String(),
  categoryName: Type.String(),
  categoryNameEn: Type.String(),
  state: Type.String(),
  urgency: Type.String(),
  /** The ticket's position; null when it was filed without one (listed under the map). */
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  handleDueAt: Nullable(Type.String()),
});

export const MyAreaSchema = Type.Object({
  areas: Type.Array(MapAreaSchema),
  tickets: Type.Array(MapTicketSchema),
  /** More open tickets are in scope than MAP_TICKET_CAP: the list holds the most pressing. */
  truncated: Type.Boolean(),
});
export type MyArea = Static<typeof MyAreaSchema>;

export const mapSettingsSchema = {
  tags: ['map'],
  summary: 'The map\'s tile server (TILE_URL, TILE_ATTRIBUTION); null tiles = draw on a plain background',
  response: { 200: MapSettingsSchema, ...AUTH_ERRORS },
};

export const myAreaSchema = {
  tags: ['map'],
  summary: `The viewer's areas (a grid worker: the grid; a street: its grids; the district: its streets) with their boundaries, and the open tickets in the viewer's scope (at most ${MAP_TICKET_CAP}, the nearest deadline first)`,
  response: { 200: MyAreaSchema, ...AUTH_ERRORS },
};
