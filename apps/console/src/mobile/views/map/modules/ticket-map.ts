/**
 * The Leaflet map of the phone's map page, loaded only with that page (a dynamic import: Leaflet
 * and its CSS never weigh on the app's first load). It draws the areas' boundaries, one marker per
 * placed ticket, and the worker's own position with its accuracy circle. Tiles come only from the
 * configured tile server; without one there is no tile layer at all and the map asks no server
 * for anything.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { MapAreaView, MapSettings } from '#/api/map';
import { boxOf, type MarkerTone, type PlacedTicket } from '../data';

export interface MarkerView {
  ticket: PlacedTicket;
  tone: MarkerTone;
  /** "YX… · 路灯不亮", the marker's name for screen readers and its tooltip. */
  label: string;
  popup: HTMLElement;
}

export interface OwnPosition {
  lat: number;
  lng: number;
  accuracy: number;
}

export interface TicketMap {
  /** Redraws the areas and markers; `fit` moves the view onto the areas (else onto the markers). */
  draw(areas: readonly (MapAreaView & { label: string })[], markers: readonly MarkerView[], fit: boolean): void;
  showPosition(position: OwnPosition | null): void;
  destroy(): void;
}

/** Past this many areas their names are not written on the map (the caption above it names them). */
const MAX_AREA_LABELS = 20;
const MAX_ZOOM = 19;
const PIN_SIZE = 32;

function escapeText(text: string): string {
  const element = document.createElement('span');
  element.textContent = text;
  return element.innerHTML;
}

export function createTicketMap(element: HTMLElement, settings: MapSettings, texts: { zoomIn: string; zoomOut: string }): TicketMap {
  // Zoom buttons at the bottom right, in thumb reach; no fading (quicker on a slow phone).
  const map = L.map(element, { attributionControl: false, zoomControl: false, fadeAnimation: false, zoomSnap: 0.5, maxZoom: MAX_ZOOM });
  L.control.zoom({ position: 'bottomright', zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
  if (settings.tileUrl) {
    L.tileLayer(settings.tileUrl, { maxZoom: MAX_ZOOM }).addTo(map);
    // Leaflet writes attribution as HTML: the configured words go in as text.
    if (settings.tileAttribution) L.control.attribution({ prefix: false }).addAttribution(escapeText(settings.tileAttribution)).addTo(map);
  }
  const areaLayer = L.layerGroup().addTo(map);
  const markerLayer = L.layerGroup().addTo(map);
  const positionLayer = L.layerGroup().addTo(map);
  /** Whether the view was set on something real (areas, markers, the worker); until then it is a placeholder. */
  let isPlaced = false;

  function draw(areas: readonly (MapAreaView & { label: string })[], markers: readonly MarkerView[], fit: boolean): void {
    // The view first: Leaflet adds no layer to a map that has none yet.
    const box = boxOf(areas.map((area) => area.boundary)) ?? boxOf([], markers.map((marker) => marker.ticket));
    if (box && (fit || !isPlaced)) {
      map.fitBounds(box, { padding: [16, 16], maxZoom: 17, animate: false });
      isPlaced = true;
    }
    if (!isPlaced) map.setView([0, 0], 2);
    areaLayer.clearLayers();
    markerLayer.clearLayers();
    for (const area of areas) {
      if (!area.boundary) continue;
      const shape = L.geoJSON(area.boundary as GeoJSON.GeoJsonObject, {
        interactive: false,
        style: { className: `map-area map-area--${area.level}`, color: '#c0392b', weight: 2, fillColor: '#c0392b', fillOpacity: 0.06 },
      });
      if (areas.length <= MAX_AREA_LABELS) shape.bindTooltip(area.label, { permanent: true, direction: 'center', className: 'map-area-label' });
      shape.addTo(areaLayer);
    }
    for (const { ticket, tone, label, popup } of markers) {
      const icon = L.divIcon({ className: `map-pin map-pin--${tone}`, iconSize: [PIN_SIZE, PIN_SIZE], iconAnchor: [PIN_SIZE / 2, PIN_SIZE / 2], popupAnchor: [0, -PIN_SIZE / 2] });
      const marker = L.marker([ticket.lat, ticket.lng], { icon, title: label, alt: label, keyboard: true, riseOnHover: true });
      marker.bindPopup(popup, { maxWidth: 260, minWidth: 200, autoPanPadding: [16, 16] });
      // Leaflet makes the pin's element when the marker joins the map.
      marker.on('add', () => {
        const pin = marker.getElement();
        if (!pin) return;
        pin.dataset.testid = 'm-map-marker';
        pin.dataset.code = ticket.code;
        pin.dataset.tone = tone;
        pin.setAttribute('aria-label', label);
      });
      marker.addTo(markerLayer);
    }
  }

  function showPosition(position: OwnPosition | null): void {
    positionLayer.clearLayers();
    if (!position) return;
    const at: L.LatLngTuple = [position.lat, position.lng];
    L.circle(at, { radius: position.accuracy, interactive: false, className: 'map-position-accuracy', color: '#1d4ed8', weight: 1, fillColor: '#1d4ed8', fillOpacity: 0.12 }).addTo(positionLayer);
    L.circleMarker(at, { radius: 7, interactive: false, className: 'map-position', color: '#fff', weight: 2, fillColor: '#1d4ed8', fillOpacity: 1 }).addTo(positionLayer);
    if (!isPlaced) {
      map.setView(at, 16);
      isPlaced = true;
    }
  }

  return { draw, showPosition, destroy: () => map.remove() };
}
