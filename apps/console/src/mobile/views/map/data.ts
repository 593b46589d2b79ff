/**
 * The map page's pure rules: how a ticket's marker is coloured, which tickets have a place on the
 * map, the box that holds the viewer's areas, and the words that name them.
 */
import type { AreaBoundary, MapAreaView, MapTicket } from '#/api/map';
import { localName } from '#/views/tickets/data';

/** A marker's colour: overdue (past its handling deadline) before urgent before the rest. */
export type MarkerTone = 'overdue' | 'urgent' | 'normal';
export const MARKER_TONES: readonly MarkerTone[] = ['overdue', 'urgent', 'normal'];

export function markerTone(ticket: Pick<MapTicket, 'urgency' | 'handleDueAt'>, now: number): MarkerTone {
  if (ticket.handleDueAt && Date.parse(ticket.handleDueAt) < now) return 'overdue';
  return ticket.urgency === 'urgent' ? 'urgent' : 'normal';
}

export type PlacedTicket = MapTicket & { lat: number; lng: number };

/** The tickets with a position (markers) and those without (the list under the map). */
export function splitByPosition(tickets: readonly MapTicket[]): { placed: PlacedTicket[]; unplaced: MapTicket[] } {
  const placed: PlacedTicket[] = [];
  const unplaced: MapTicket[] = [];
  for (const ticket of tickets) {
    if (ticket.lat !== null && ticket.lng !== null) placed.push(ticket as PlacedTicket);
    else unplaced.push(ticket);
  }
  return { placed, unplaced };
}

/** South-west and north-east corners, `[[lat, lng], [lat, lng]]`, as Leaflet's fitBounds takes them. */
export type LatLngBox = [[number, number], [number, number]];

function isPosition(value: unknown): value is [number, number] {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number';
}

/** Every [lng, lat] position of a (multi)polygon, whatever its nesting. */
function collectPositions(coordinates: unknown, into: [number, number][]): void {
  if (isPosition(coordinates)) into.push(coordinates);
  else if (Array.isArray(coordinates)) for (const inner of coordinates) collectPositions(inner, into);
}

/** The box holding the boundaries (GeoJSON [lng, lat]) and the points; null when there is nothing to hold. */
export function boxOf(boundaries: readonly (AreaBoundary | null)[], points: readonly { lat: number; lng: number }[] = []): LatLngBox | null {
  const positions: [number, number][] = [];
  for (const boundary of boundaries) if (boundary) collectPositions(boundary.coordinates, positions);
  for (const point of points) positions.push([point.lng, point.lat]);
  if (positions.length === 0) return null;
  const lats = positions.map(([, lat]) => lat);
  const lngs = positions.map(([lng]) => lng);
  return [[Math.min(...lats), Math.min(...lngs)], [Math.max(...lats), Math.max(...lngs)]];
}

/** How many area names the caption lists before it says "and N more". */
export const CAPTION_NAMES = 3;

/** The areas' names in the UI's language, the first CAPTION_NAMES of them, and how many there are. */
export function areaCaption(areas: readonly Pick<MapAreaView, 'id' | 'name' | 'nameEn'>[], locale: string): { names: string; count: number } {
  const names = areas.slice(0, CAPTION_NAMES).map((area) => localName(area.name, area.nameEn, locale, area.id));
  return { names: names.join(locale === 'en' ? ', ' : '、'), count: areas.length };
}
