/**
 * The phone app's map on real PostgreSQL: a grid worker gets their grid's polygon and only the
 * open tickets of their scope (with and without a position), a street worker the street's grids,
 * the commander the district's streets; the tile server's settings, the CSP that lets its images
 * in, and the clear refusal of a malformed TILE_URL at boot.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { MAP_TICKET_CAP } from '../src/modules/map/map.schemas.js';
import { createTicket } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { loginAll, type Sessions } from './tickets-fixtures.js';

const TILE_URL = 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png';
let t: TestApp;
let s: Sessions;
const ids: Record<string, string> = {};

/** A ticket as the factory writes it, then placed at `at` (or left without a position). */
async function ticketAt(options: Parameters<typeof createTicket>[1], at: { lat: number; lng: number } | null, extra: { urgency?: string } = {}) {
  const ticket = await createTicket(t.prisma, options);
  return t.prisma.ticket.update({ where: { id: ticket.id }, data: { ...(at ?? {}), ...extra, handleDueAt: new Date('2026-03-05T10:00:00Z') } });
}

beforeAll(async () => {
  t = await createTestApp({ TILE_URL, TILE_ATTRIBUTION: '© 区测绘院' });
  const grid1 = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
  const grid2 = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g02' } });
  const in1 = { lat: grid1.centroidLat!, lng: grid1.centroidLng! };
  ids.placed = (await ticketAt({ areaId: 's01g01', leadUnitId: 'gt-s01g01' }, in1, { urgency: 'urgent' })).id;
  ids.unplaced = (await ticketAt({ areaId: 's01g01', leadUnitId: 'gt-s01g01', state: 'in_progress' }, null)).id;
  ids.closed = (await ticketAt({ areaId: 's01g01', leadUnitId: 'gt-s01g01', state: 'closed' }, in1)).id;
  ids.merged = (await ticketAt({ areaId: 's01g01', leadUnitId: 'gt-s01g01', state: 'merged' }, in1)).id;
  ids.otherGrid = (await ticketAt({ areaId: 's01g02', leadUnitId: 'gt-s01g02' }, { lat: grid2.centroidLat!, lng: grid2.centroidLng! })).id;
  ids.otherStreet = (await ticketAt({ areaId: 's02g01', leadUnitId: 'so-s02' }, null)).id;
  // A worker covering the whole street s01.
  const grid = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-grid' } });
  await t.prisma.user.create({
    data: {
      id: randomUUID(), username: 'map-street', displayName: '网格专干 钱伟', passwordHash: grid.passwordHash, roles: ['grid_member'],
      unitId: 'gt-s01g01', areaId: 's01', scopeAreaIds: ['s01'], scopeUnitIds: ['gt-s01g01'],
    },
  });
  s = await loginAll(t, ['demo-grid', 'map-street', 'demo-commander', 'demo-admin']);
});
afterAll(async () => t?.close());

const myArea = (user: string) => t.app.inject({ url: '/api/map/my-area', headers: { cookie: s[user]!.cookie } });

interface MyArea {
  areas: { id: string; name: string; level: string; boundary: { type: string } | null }[];
  tickets: { id: string; code: string; title: string; categoryName: string; state: string; urgency: string; lat: number | null; lng: number | null; handleDueAt: string | null }[];
  truncated: boolean;
}

describe('GET /api/map/my-area', () => {
  it('gives a grid worker their grid with its polygon and only the open tickets of their scope', async () => {
    const response = await myArea('demo-grid');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<MyArea>();
    expect(body.areas).toHaveLength(1);
    expect(body.areas[0]).toMatchObject({ id: 's01g01', level: 'grid', boundary: { type: 'Polygon' } });
    expect(body.areas[0]!.name).toBeTruthy();
    expect(body.tickets.map((ticket) => ticket.id).sort()).toEqual([ids.placed, ids.unplaced].sort());
    expect(body.truncated).toBe(false);

    const placed = body.tickets.find((ticket) => ticket.id === ids.placed)!;
    expect(placed).toMatchObject({ state: 'dispatched', urgency: 'urgent', categoryName: '噪音扰民', handleDueAt: '2026-03-05T10:00:00.000Z' });
    expect(placed.lat).toBeTypeOf('number');
    expect(body.tickets.find((ticket) => ticket.id === ids.unplaced)).toMatchObject({ state: 'in_progress', lat: null, lng: null });
  });

  it('gives a street worker the street\'s grids and the street\'s open tickets', async () => {
    const body = (await myArea('map-street')).json<MyArea>();
    expect(body.areas.length).toBeGreaterThan(1);
    expect(body.areas.every((area) => area.level === 'grid' && area.id.startsWith('s01g'))).toBe(true);
    expect(body.tickets.map((ticket) => ticket.id).sort()).toEqual([ids.placed, ids.unplaced, ids.otherGrid].sort());
  });

  it('gives the commander the district\'s streets, not every grid, and every open ticket', async () => {
    const body = (await myArea('demo-commander')).json<MyArea>();
    expect(body.areas).toHaveLength(14);
    expect(new Set(body.areas.map((area) => area.level))).toEqual(new Set(['street']));
    expect(body.tickets.map((ticket) => ticket.id).sort()).toEqual([ids.placed, ids.unplaced, ids.otherGrid, ids.otherStreet].sort());
  });

  it('caps the tickets at the most pressing and says so', async () => {
    const template = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ids.placed } });
    await t.prisma.ticket.createMany({
      data: Array.from({ length: MAP_TICKET_CAP }, (_, i) => ({
        ...template, id: randomUUID(), code: `MAP-${i}-${randomUUID().slice(0, 6)}`, fields: undefined, handleDueAt: new Date('2026-04-01T00:00:00Z'),
      })),
    });
    const body = (await myArea('demo-grid')).json<MyArea>();
    expect(body.tickets).toHaveLength(MAP_TICKET_CAP);
    expect(body.truncated).toBe(true);
    // The nearest deadlines come first: the tickets seeded above are due a month earlier.
    expect(body.tickets.slice(0, 2).map((ticket) => ticket.id).sort()).toEqual([ids.placed, ids.unplaced].sort());
    await t.prisma.ticket.deleteMany({ where: { code: { startsWith: 'MAP-' } } });
  });

  it('answers 401 without a session and 403 to a role that reads no tickets', async () => {
    expect((await t.app.inject({ url: '/api/map/my-area' })).statusCode).toBe(401);
    expect((await myArea('demo-admin')).statusCode).toBe(403);
  });
});

describe('tile settings', () => {
  it('tells every signed-in role the tile server and its attribution', async () => {
    for (const user of ['demo-grid', 'demo-admin']) {
      const response = await t.app.inject({ url: '/api/map/settings', headers: { cookie: s[user]!.cookie } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ tileUrl: TILE_URL, tileAttribution: '© 区测绘院' });
    }
  });

  it('lets images come from the tile server\'s origin, and from nowhere else new', async () => {
    const response = await t.app.inject({ url: '/api/health' });
    const imgSrc = /img-src ([^;]+)/.exec(String(response.headers['content-security-policy']))?.[1];
    expect(imgSrc).toBe("'self' data: blob: http://127.0.0.1:9");
  });

  it('reads no tile server as null: a plain background', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@127.0.0.1/db', REDIS_URL: 'redis://127.0.0.1:6379' }).map).toEqual({ tileUrl: null, tileAttribution: null, tileOrigin: null });
  });

  it.each([
    [{ TILE_URL: 'tiles.example.gov/{z}/{x}/{y}.png' }, 'TILE_URL is not a valid URL'],
    [{ TILE_URL: 'ftp://tiles.example.gov/{z}/{x}/{y}.png' }, 'TILE_URL must use https: or http:, got "ftp:"'],
    [{ TILE_URL: 'https://tiles.example.gov/{z}/{x}.png' }, 'TILE_URL must contain {z}, {x} and {y}; {y} missing'],
    [{ TILE_URL: 'https://tiles.example.gov/{z}/{x}/{y}.png?key={apikey}' }, 'TILE_URL may use only {z}, {x} and {y}, got "{apikey}"'],
    [{ TILE_URL: 'https://user:pass@tiles.example.gov/{z}/{x}/{y}.png' }, 'TILE_URL must not carry a user name or password'],
    [{ TILE_ATTRIBUTION: '© 区测绘院' }, 'TILE_ATTRIBUTION is set but TILE_URL is not'],
  ])('refuses %j at boot, naming the variable', (override, message) => {
    const env = { DATABASE_URL: 'postgresql://u@127.0.0.1/db', REDIS_URL: 'redis://127.0.0.1:6379', ...override };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
