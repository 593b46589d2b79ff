import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPrefix, createTestDatabase, type RedisPrefix, type TestDatabase } from '@yixian/db/testing';
import { hashPassword, verifyPassword } from '@yixian/runtime';
import { seedDatabase } from '../../../../../prisma/seed/index.js';
import { buildBulkUsers } from '../../../../../prisma/seed/seed-users.js';
import { run } from '../../../../../scripts/accounts/issue-initial-passwords.js';
import { createSessionStore } from '../auth/session-store.js';
import { INITIAL_PASSWORD_HEADERS } from './initial-passwords-sheet.js';

let db: TestDatabase;
let redisPrefix: RedisPrefix;
let redis: Redis;
let dir: string;
const SHARED = 'bulk-demo-password-1';
const bulk = buildBulkUsers().slice(0, 8);

beforeAll(async () => {
  db = await createTestDatabase();
  redisPrefix = createRedisPrefix();
  redis = new Redis(redisPrefix.url);
  dir = await mkdtemp(join(tmpdir(), 'initial-passwords-'));
  await seedDatabase(db.prisma, { demoAccounts: false });
  // The seed's first administrator has already chosen a password (as before any bulk import).
  await db.prisma.user.update({ where: { username: 'admin' }, data: { passwordChangedAt: new Date(), mustChangePassword: false } });
  // A bulk seed: every account (a demo one included) holds one hash.
  const sharedHash = await hashPassword(SHARED);
  await db.prisma.user.createMany({
    data: [...bulk, { username: 'demo-agent', displayName: '话务员 李娜', roles: ['agent'] }].map((u) => ({
      username: u.username, displayName: u.displayName, roles: u.roles, unitId: u.unitId ?? null, areaId: u.areaId ?? null, passwordHash: sharedHash,
    })),
  });
  // An account whose own password was set: it is left alone.
  await db.prisma.user.create({ data: { username: 'own-password', displayName: '已设密码', roles: ['agent'], passwordHash: await hashPassword('own-password-123'), passwordChangedAt: new Date() } });
});
afterAll(async () => {
  redis?.disconnect();
  await redisPrefix?.cleanup();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const runWith = (out: string, onlyShared = false) =>
  run({ databaseUrl: db.url, redis: { url: redisPrefix.url }, redisPrefix: redisPrefix.prefix, out: join(dir, out), onlyShared });

async function readSheet(path: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  return rows;
}

describe('accounts:initial-passwords', () => {
  it('gives every bulk account its own one-time password, listed in a 0600 XLSX, and ends their sessions', async () => {
    const sessions = createSessionStore({ redis, prefix: redisPrefix.prefix, idleMs: 60_000 });
    const signedIn = await db.prisma.user.findUniqueOrThrow({ where: { username: bulk[0]!.username } });
    const { sid } = await sessions.create(signedIn.id, new Date());

    const result = await runWith('initial.xlsx');
    expect(result).toEqual({ count: bulk.length, sessionsEnded: 1 });
    expect((await sessions.peek(sid, new Date())).status).toBe('missing');

    const path = join(dir, 'initial.xlsx');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const [header, ...rows] = await readSheet(path);
    expect(header).toEqual([...INITIAL_PASSWORD_HEADERS]);
    expect(rows.map((r) => r[0]).sort()).toEqual(bulk.map((u) => u.username).sort());

    const users = await db.prisma.user.findMany();
    const hashes = users.map((u) => u.passwordHash);
    expect(new Set(hashes).size).toBe(hashes.length);
    const areas = new Map((await db.prisma.area.findMany()).map((a) => [a.id, a.name]));
    const units = new Map((await db.prisma.unit.findMany()).map((u) => [u.id, u.name]));
    for (const [username, displayName, unitName, areaName, password] of rows) {
      const user = users.find((u) => u.username === username)!;
      expect([displayName, unitName, areaName]).toEqual([user.displayName, units.get(user.unitId!), areas.get(user.areaId!)]);
      expect(await verifyPassword(user.passwordHash, password!)).toBe(true);
      expect(await verifyPassword(user.passwordHash, SHARED)).toBe(false);
      expect(user.mustChangePassword).toBe(true);
    }
    const demo = users.find((u) => u.username === 'demo-agent')!;
    expect(await verifyPassword(demo.passwordHash, SHARED)).toBe(true);
    expect(users.find((u) => u.username === 'own-password')!.mustChangePassword).toBe(false);

    const audit = await db.prisma.auditLog.findMany({ where: { action: 'auth.password_reset' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ bulk: true, count: bulk.length, onlyShared: false, sessionsEnded: 1 });
    for (const row of rows) expect(JSON.stringify({ ...audit[0], id: null })).not.toContain(row[4]);
  });

  it('leaves accounts that have their password alone when run again, and never overwrites a sheet', async () => {
    expect(await runWith('again.xlsx')).toEqual({ count: 0, sessionsEnded: 0 });
    await expect(stat(join(dir, 'again.xlsx'))).rejects.toThrow();
    await writeFile(join(dir, 'taken.xlsx'), 'earlier');
    await expect(runWith('taken.xlsx')).rejects.toThrow(/already exists/);
    expect(await readFile(join(dir, 'taken.xlsx'), 'utf8')).toBe('earlier');
  });
});
