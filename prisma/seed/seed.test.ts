import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@yixian/db/testing';
import { verifyPassword } from '@yixian/runtime';
import { readSeedDistrict, seedDatabase } from './index.js';
import { buildAreas } from './seed-org.js';
import { buildBulkUsers, DEMO_USERS } from './seed-users.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

/** Every row of every seeded table, as text, to compare two runs. */
async function snapshot(): Promise<string> {
  const p = db.prisma;
  const tables = await Promise.all([
    p.hotline.findMany({ orderBy: { id: 'asc' } }),
    p.area.findMany({ orderBy: { id: 'asc' } }),
    p.unit.findMany({ orderBy: { id: 'asc' } }),
    p.category.findMany({ orderBy: { id: 'asc' } }),
    p.workCalendar.findMany({ orderBy: { date: 'asc' } }),
    p.user.findMany({ orderBy: { username: 'asc' } }),
  ]);
  return JSON.stringify(tables);
}

describe('seed', () => {
  it('creates the district: 22 hotlines, 1 + 14 + 133 areas, 31 departments, 40+ categories, 2026 calendar, demo accounts', async () => {
    const first = await seedDatabase(db.prisma, { password: 'seed-test' });
    expect(first.usersCreated).toBe(DEMO_USERS.length);
    const p = db.prisma;
    expect(await p.hotline.count()).toBe(22);
    expect(await p.hotline.findUniqueOrThrow({ where: { number: '110' } })).toMatchObject({ isPolice: true });
    expect(await p.area.groupBy({ by: ['level'], _count: true, orderBy: { level: 'asc' } })).toEqual([
      { level: 'district', _count: 1 },
      { level: 'grid', _count: 133 },
      { level: 'street', _count: 14 },
    ]);
    expect(await p.unit.count({ where: { type: 'department' } })).toBe(31);
    expect(await p.unit.count({ where: { type: 'grid_team' } })).toBe(133);
    expect(await p.category.count({ where: { parentId: { not: null } } })).toBeGreaterThanOrEqual(40);
    const kinds = await p.category.groupBy({ by: ['defaultKind'], where: { parentId: { not: null } }, _count: true });
    expect(kinds.map((k) => k.defaultKind).sort()).toEqual(['complaint', 'consultation', 'help_request', 'praise', 'report', 'suggestion']);
    expect(await p.category.count({ where: { isPolice: true } })).toBeGreaterThan(0);
    expect(await p.workCalendar.count({ where: { kind: 'holiday' } })).toBe(33);
    expect(await p.workCalendar.count({ where: { kind: 'workday' } })).toBe(6);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    const second = await seedDatabase(db.prisma, { password: 'seed-test' });
    expect(second.usersCreated).toBe(0);
    expect(await snapshot()).toBe(before);
  });

  it('with --bulk, adds the district’s ~1,700 scoped accounts', async () => {
    const { usersCreated } = await seedDatabase(db.prisma, { password: 'seed-test', bulk: true });
    expect(usersCreated).toBe(buildBulkUsers().length);
    const total = await db.prisma.user.count();
    expect(total).toBeGreaterThanOrEqual(1650);
    expect(total).toBeLessThanOrEqual(1800);
    const unscoped = await db.prisma.user.count({
      where: { scopeAll: false, scopeAreaIds: { isEmpty: true }, scopeUnitIds: { isEmpty: true }, NOT: { roles: { hasSome: ['admin', 'auditor'] } } },
    });
    expect(unscoped).toBe(0);
  });
});

describe('a new district (SEED_DISTRICT=none)', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase();
  });
  afterAll(async () => empty?.drop());

  it('seeds no district, only the national calendar and generic rules, and one administrator with a one-time password', async () => {
    const first = await seedDatabase(empty.prisma, { district: 'none' });
    const p = empty.prisma;
    expect([await p.hotline.count(), await p.area.count(), await p.unit.count(), await p.category.count()]).toEqual([0, 0, 0, 0]);
    expect(await p.workCalendar.count()).toBeGreaterThan(20);
    expect(await p.keywordRule.count({ where: { categoryId: { not: null } } })).toBe(0);
    expect(await p.keywordRule.count()).toBeGreaterThan(0);
    expect(first.initialAdmin?.username).toBe('admin');
    const admin = await p.user.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(admin).toMatchObject({ roles: ['admin'], mustChangePassword: true, status: 'active' });
    expect(await verifyPassword(admin.passwordHash, first.initialAdmin!.oneTimePassword)).toBe(true);
    expect(await p.user.count()).toBe(1);

    const second = await seedDatabase(empty.prisma, { district: 'none' });
    expect(second.initialAdmin).toBeNull();
    expect(await p.user.count()).toBe(1);
  });

  it('names a wrong SEED_DISTRICT', () => {
    expect(() => readSeedDistrict({ SEED_DISTRICT: 'changsha' })).toThrow(/SEED_DISTRICT must be "wangcheng".*"none".*not "changsha"/);
    expect(readSeedDistrict({})).toBe('wangcheng');
  });
});

describe('generated areas', () => {
  it('give every grid a closed polygon whose centroid lies inside its street', () => {
    const areas = buildAreas();
    const byId = new Map(areas.map((area) => [area.id, area]));
    for (const grid of areas.filter((area) => area.level === 'grid')) {
      const ring = (grid.boundary as { coordinates: number[][][] }).coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      const street = byId.get(grid.parentId!)!;
      const [sw, , ne] = (street.boundary as { coordinates: number[][][] }).coordinates[0]!;
      expect(grid.centroidLng).toBeGreaterThan(sw![0]!);
      expect(grid.centroidLng).toBeLessThan(ne![0]!);
      expect(grid.centroidLat).toBeGreaterThan(sw![1]!);
      expect(grid.centroidLat).toBeLessThan(ne![1]!);
      expect(grid.path.startsWith(`${street.path}/`)).toBe(true);
    }
  });
});
