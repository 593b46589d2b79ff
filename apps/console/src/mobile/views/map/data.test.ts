import { describe, expect, it } from 'vitest';
import type { MapTicket } from '#/api/map';
import { areaCaption, boxOf, markerTone, splitByPosition } from './data';

const NOW = Date.parse('2026-03-02T02:00:00Z');
const ticket = (over: Partial<MapTicket> = {}): MapTicket => ({
  id: 't1', code: 'YX1', title: '路灯不亮', categoryName: '路灯', categoryNameEn: 'Street lights', state: 'dispatched',
  urgency: 'normal', lat: 30.1, lng: 120.2, handleDueAt: null, ...over,
});

describe('markerTone', () => {
  it('says overdue past the handling deadline, before urgent', () => {
    expect(markerTone(ticket({ handleDueAt: '2026-03-02T01:59:59Z', urgency: 'urgent' }), NOW)).toBe('overdue');
    expect(markerTone(ticket({ handleDueAt: '2026-03-02T02:00:01Z', urgency: 'urgent' }), NOW)).toBe('urgent');
    expect(markerTone(ticket({ handleDueAt: '2026-03-03T00:00:00Z' }), NOW)).toBe('normal');
    expect(markerTone(ticket(), NOW)).toBe('normal');
  });
});

describe('splitByPosition', () => {
  it('puts tickets with both coordinates on the map and the rest in the list', () => {
    const { placed, unplaced } = splitByPosition([ticket({ id: 'a' }), ticket({ id: 'b', lat: null, lng: null }), ticket({ id: 'c', lat: 0, lng: 0 })]);
    expect(placed.map((t) => t.id)).toEqual(['a', 'c']);
    expect(unplaced.map((t) => t.id)).toEqual(['b']);
  });
});

describe('boxOf', () => {
  it('holds every ring of polygons and multipolygons, GeoJSON [lng, lat] turned into [lat, lng]', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [[[120, 30], [121, 30], [121, 31], [120, 31], [120, 30]]] };
    const multi = { type: 'MultiPolygon' as const, coordinates: [[[[122, 29.5], [122.5, 29.5], [122.5, 30], [122, 29.5]]]] };
    expect(boxOf([polygon, null, multi])).toEqual([[29.5, 120], [31, 122.5]]);
  });

  it('takes points when there is no boundary, and is null with nothing at all', () => {
    expect(boxOf([null], [{ lat: 30, lng: 120 }, { lat: 30.2, lng: 119.9 }])).toEqual([[30, 119.9], [30.2, 120]]);
    expect(boxOf([])).toBeNull();
  });
});

describe('areaCaption', () => {
  const areas = ['一', '二', '三', '四'].map((n, i) => ({ id: `g${i}`, name: `第${n}网格`, nameEn: `Grid ${i + 1}` }));
  it('names the first three areas in the UI language and counts them all', () => {
    expect(areaCaption(areas.slice(0, 1), 'zh-CN')).toEqual({ names: '第一网格', count: 1 });
    expect(areaCaption(areas, 'zh-CN')).toEqual({ names: '第一网格、第二网格、第三网格', count: 4 });
    expect(areaCaption(areas, 'en')).toEqual({ names: 'Grid 1, Grid 2, Grid 3', count: 4 });
  });
});
