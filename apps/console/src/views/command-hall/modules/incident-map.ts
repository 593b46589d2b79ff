/**
 * The command hall's Leaflet map (loaded with the page only, as the phone map is): the district's
 * streets as polygons and one large marker per placed open incident, coloured by level. Tiles only
 * from the configured tile server; without one, a plain dark background.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { HallIncident } from '#/api/command-hall';
import type { MapAreaView, MapSettings } from '#/api/map';
import { boxOf } from '#/mobile/views/map/data';

export interface IncidentMap {
  draw(areas: readonly (Pick<MapAreaView, 'id' | 'boundary'> & { label: string })[], incidents: readonly (HallIncident & { label: string })[]): void;
  destroy(): void;
}

const PIN_SIZE = 40;

export function createIncidentMap(element: HTMLElement, settings: MapSettings): IncidentMap {
  const map = L.map(element, { attributionControl: false, zoomControl: false, fadeAnimation: false, zoomSnap: 0.25, maxZoom: 18 });
  if (settings.tileUrl) L.tileLayer(settings.tileUrl, { maxZoom: 18 }).addTo(map);
  const areaLayer = L.layerGroup().addTo(map);
  const markerLayer = L.layerGroup().addTo(map);
  let placed = false;

  function draw(areas: Parameters<IncidentMap['draw']>[0], incidents: Parameters<IncidentMap['draw']>[1]): void {
    const points = incidents.flatMap((incident) => (incident.lat !== null && incident.lng !== null ? [{ lat: incident.lat, lng: incident.lng }] : []));
    const box = boxOf(areas.map((area) => area.boundary), points);
    if (box && !placed) {
      map.fitBounds(box, { padding: [24, 24], animate: false });
      placed = true;
    }
    if (!placed) map.setView([28.35, 112.85], 11);
    areaLayer.clearLayers();
    markerLayer.clearLayers();
    for (const area of areas) {
      if (!area.boundary) continue;
      L.geoJSON(area.boundary as GeoJSON.GeoJsonObject, {
        interactive: false,
        style: { className: 'hall-area', color: '#7dd3fc', weight: 1.5, fillColor: '#38bdf8', fillOpacity: 0.08 },
      }).bindTooltip(area.label, { permanent: true, direction: 'center', className: 'hall-area-label' }).addTo(areaLayer);
    }
    for (const incident of incidents) {
      if (incident.lat === null || incident.lng === null) continue;
      const icon = L.divIcon({
        className: `hall-pin hall-pin--${incident.level}`,
        // The colour comes from the class (the CSP refuses inline style attributes).
        html: '<span></span>',
        iconSize: [PIN_SIZE, PIN_SIZE], iconAnchor: [PIN_SIZE / 2, PIN_SIZE / 2],
      });
      const marker = L.marker([incident.lat, incident.lng], { icon, title: incident.label, alt: incident.label, keyboard: false });
      marker.bindTooltip(incident.label, { permanent: true, direction: 'right', offset: [PIN_SIZE / 2, 0], className: 'hall-pin-label' });
      marker.on('add', () => {
        const pin = marker.getElement();
        if (!pin) return;
        pin.dataset.testid = 'hall-marker';
        pin.dataset.code = incident.code;
        pin.dataset.level = incident.level;
      });
      marker.addTo(markerLayer);
    }
  }

  return { draw, destroy: () => map.remove() };
}
