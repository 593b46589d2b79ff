/**
 * Area administration on the seeded district: the tree, GeoJSON import (dry run writes nothing,
 * every problem named per feature, apply audited), a single boundary replaced with its version
 * (stale and concurrent edits 409), moves carrying tickets, and a report placed by the new
 * boundary at once, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from './helpers/factories.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { intake } from './tickets-fixtures.js';

let t: TestApp;
let admin: Session;
let agent: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
  agent = await login(t.app, 'demo-agent');
});
afterAll(async () => t?.close());

type Ring = number[][];
const box = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

async function boxOf(id: string) {
  const area = await t.prisma.area.findUniqueOrThrow({ where: { id } });
  const ring = (area.boundary as { coordinates: Ring[] }).coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return { area, west: Math.min(...xs), east: Math.max(...xs), south: Math.min(...ys), north: Math.max(...ys) };
}

const importFile = (body: unknown, dryRun: boolean) =>
  t.app.inject({ method: 'POST', url: `/api/admin/areas/boundaries/import?dryRun=${dryRun}`, headers: admin.headers, payload: body as object });

async function snapshot() {
  const areas = await t.prisma.area.findMany({ orderBy: { id: 'asc' }, select: { id: true, boundary: true, version: true, path: true, centroidLat: true } });
  return { areas: JSON.stringify(areas), audits: await t.prisma.auditLog.count({ where: { resource: 'area' } }) };
}

describe('the tree', () => {
  it('lists the district, 14 streets and 133 grids for administrators, and one area with its children\'s polygons', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/areas', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    const rows = list.json<Array<{ level: string; hasBoundary: boolean; childCount: number; id: string }>>();
    expect(rows.filter((r) => r.level === 'street')).toHaveLength(14);
    expect(rows.filter((r) => r.level === 'grid')).toHaveLength(133);
    expect(rows.find((r) => r.id === 'wangcheng')).toMatchObject({ childCount: 14, hasBoundary: true });
    const one = await t.app.inject({ method: 'GET', url: '/api/admin/areas/s01', headers: admin.headers });
    expect(one.json()).toMatchObject({ area: { id: 's01', boundary: { type: 'Polygon' } }, parent: { id: 'wangcheng' } });
    expect(one.json().children.length).toBeGreaterThan(5);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/areas', headers: agent.headers })).statusCode).toBe(403);
  });
});

describe('importing boundaries', () => {
  it('moves the edge between two grids: the dry run reports and writes nothing, the apply is audited, and the next report lands in the new grid', async () => {
    const g1 = await boxOf('s01g01');
    const g2 = await boxOf('s01g02');
    const edge = g1.east + (g2.east - g2.west) / 4;
    const file = collection(
      feature({ code: g1.area.code }, box(g1.west, g1.south, edge, g1.north)),
      feature({ code: g2.area.code, name: g2.area.name }, box(edge, g2.south, g2.east, g2.north)),
    );
    // A point in the strip that changes hands.
    const lat = (g1.south + g1.north) / 2;
    const lng = (g1.east + edge) / 2;
    const place = async () => {
      const response = await intake(t, agent, { categoryId: 'env.noise', title: '噪音', description: '夜间施工噪音', channel: 'web', lat, lng, dispatch: true });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ ticket: { areaId: string; leadUnitId: string } }>().ticket;
    };
    expect(await place()).toMatchObject({ areaId: 's01g02', leadUnitId: 'gt-s01g02' });

    const before = await snapshot();
    const dry = await importFile(file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ dryRun: true, applied: false, features: 2, created: [], updated: [g1.area.code, g2.area.code], problems: [] });
    expect(await snapshot()).toEqual(before);

    const applied = await importFile(file, false);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, problems: [] });
    const moved = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    expect(moved.version).toBe(g1.area.version + 1);
    expect(moved.centroidLng).toBeCloseTo((g1.west + edge) / 2, 5);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'area', resourceId: 's01g01' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ action: 'config.import', actorName: 'demo-admin' });
    expect(audit.details).toMatchObject({
      changed: expect.arrayContaining(['boundary', 'centroidLng', 'version']),
      before: { boundary: g1.area.boundary }, after: { boundary: box(g1.west, g1.south, edge, g1.north) },
      summary: { features: 2, updated: 2, created: 0 },
    });

    expect(await place()).toMatchObject({ areaId: 's01g01', leadUnitId: 'gt-s01g01' });
  });

  it('names every problem per feature, in one report, and writes nothing even when applied', async () => {
    const g3 = await boxOf('s01g03');
    const g4 = await boxOf('s01g04');
    const street = await boxOf('s01');
    const file = collection(
      feature({ name: '无编码' }, box(0, 0, 1, 1)),
      // Grows into its neighbour by half of it.
      feature({ code: g3.area.code }, box(g3.west, g3.south, g3.east + (g4.east - g4.west) / 2, g3.north)),
      // Sticks out of its street to the north.
      feature({ code: g4.area.code }, box(g4.west, g4.south, g4.east, street.north + 0.01)),
      feature({ code: 'bow-tie', name: '蝴蝶', parentCode: street.area.code }, { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }),
      feature({ code: 'lost', name: '无主网格', level: 'grid', parentCode: 'nowhere' }, box(0, 0, 0.001, 0.001)),
      feature({ code: g3.area.code }, box(0, 0, 1, 1)),
      feature({ code: 'pt', name: '点' }, { type: 'Point', coordinates: [112.7, 28.5] }),
      feature({ code: g4.area.code.slice(0, -3), level: 'grid' }, box(0, 0, 1, 1)),
    );
    const before = await snapshot();
    const dry = await importFile(file, true);
    expect(dry.statusCode).toBe(200);
    const problems = dry.json<{ problems: Array<{ feature?: number; code: string | null; problem: string; with?: string; squareMetres?: number }> }>().problems;
    const named = problems.map((p) => [p.feature ?? null, p.code, p.problem]);
    expect(named).toEqual(expect.arrayContaining([
      [1, null, 'missing_code'],
      [4, 'bow-tie', 'self_intersection'],
      [5, 'lost', 'unknown_parent'],
      [6, g3.area.code, 'duplicate_code'],
      [7, 'pt', 'not_polygon'],
      [8, street.area.code, 'level_mismatch'],
      [null, g3.area.code, 'overlap'],
      [null, g4.area.code, 'outside_parent'],
    ]));
    const overlap = problems.find((p) => p.problem === 'overlap')!;
    expect(overlap.with).toBe(g4.area.code);
    expect(overlap.squareMetres).toBeGreaterThan(100_000);
    expect(problems.find((p) => p.problem === 'outside_parent')).toMatchObject({ with: street.area.code });

    const applied = await importFile(file, false);
    expect(applied.statusCode).toBe(400);
    expect(applied.json()).toMatchObject({ code: 'validation_failed', field: 'features', details: { applied: false } });
    expect(applied.json().details.problems).toHaveLength(problems.length);
    expect(await snapshot()).toEqual(before);
  });

  it('creates a new grid in a free corner of its street, with a path under it', async () => {
    const street = await boxOf('s01');
    const file = collection(feature(
      { code: '430112001099', name: '高塘岭街道新网格', nameEn: 'New grid', parentCode: street.area.code },
      box(street.east - 0.005, street.south, street.east, street.south + 0.005),
    ));
    const response = await importFile(file, false);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ created: ['430112001099'], applied: true });
    const created = await t.prisma.area.findUniqueOrThrow({ where: { code: '430112001099' } });
    expect(created).toMatchObject({ level: 'grid', parentId: 's01', path: `/wangcheng/s01/${created.id}`, version: 1 });
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'area', resourceId: created.id } });
    expect(audit).toMatchObject({ action: 'config.create' });
  });

  it('refuses what is not a FeatureCollection, naming the field', async () => {
    const response = await importFile({ type: 'Feature', geometry: null }, true);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});

describe('one area', () => {
  it('replaces a boundary with its version; a stale one is a 409 naming what changed', async () => {
    const g5 = await boxOf('s01g05');
    const smaller = box(g5.west, g5.south, g5.east - 0.001, g5.north);
    const put = (version: number, boundary: unknown) =>
      t.app.inject({ method: 'PUT', url: '/api/admin/areas/s01g05/boundary', headers: admin.headers, payload: { version, boundary } });
    const first = await put(g5.area.version, smaller);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: g5.area.version + 1, boundary: smaller });
    const stale = await put(g5.area.version, box(g5.west, g5.south, g5.east, g5.north));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toMatchObject({ reason: 'stale_version', changedFields: expect.arrayContaining(['boundary']), changes: [{ by: 'demo-admin' }] });
    const bad = await put(g5.area.version + 1, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] });
    expect(bad.json()).toMatchObject({ field: 'boundary', details: { reason: 'too_few_points' } });
  });

  it('lets one of two concurrent boundary edits win', async () => {
    const g6 = await boxOf('s01g06');
    const put = (east: number) => t.app.inject({
      method: 'PUT', url: '/api/admin/areas/s01g06/boundary', headers: admin.headers,
      payload: { version: g6.area.version, boundary: box(g6.west, g6.south, east, g6.north) },
    });
    const results = await Promise.all([put(g6.east - 0.001), put(g6.east - 0.002)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g06' } })).version).toBe(g6.area.version + 1);
  });

  it('creates, renames and moves an area: the move carries its tickets\' paths', async () => {
    const created = await t.app.inject({
      method: 'POST', url: '/api/admin/areas', headers: admin.headers,
      payload: { code: 'moving-grid', name: '搬家网格', nameEn: 'Moving grid', level: 'grid', parentId: 's01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const area = created.json<{ id: string; version: number; path: string }>();
    expect(area.path).toBe(`/wangcheng/s01/${area.id}`);
    const ticket = await createTicket(t.prisma, { areaId: area.id });
    const moved = await t.app.inject({
      method: 'PUT', url: `/api/admin/areas/${area.id}`, headers: admin.headers,
      payload: { version: area.version, code: 'moving-grid', name: '搬好的网格', nameEn: 'Moved grid', parentId: 's02' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ path: `/wangcheng/s02/${area.id}`, name: '搬好的网格', version: area.version + 1 });
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).areaPath).toBe(`/wangcheng/s02/${area.id}`);
    const underGrid = await t.app.inject({
      method: 'PUT', url: `/api/admin/areas/${area.id}`, headers: admin.headers,
      payload: { version: area.version + 1, code: 'moving-grid', name: '搬好的网格', nameEn: 'Moved grid', parentId: 's02g01' },
    });
    expect(underGrid.json()).toMatchObject({ field: 'parentId', details: { reason: 'parent_level' } });
    const taken = await t.app.inject({
      method: 'POST', url: '/api/admin/areas', headers: admin.headers,
      payload: { code: 'moving-grid', name: '重名', nameEn: '', level: 'grid', parentId: 's01' },
    });
    expect(taken.json()).toMatchObject({ field: 'code', details: { reason: 'code_taken' } });
  });
});
