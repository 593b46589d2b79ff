/**
 * The administrative-change kit: audit rows with before/after in the change's transaction, a stale
 * edit's 409 naming what changed since, and the config bus that clears caches in every process.
 */
import type { FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPrefix, createTestDatabase, type RedisPrefix, type TestDatabase } from '@yixian/db/testing';
import { seedDatabase } from '../../../prisma/seed/index.js';
import { AppError } from '../src/lib/app-error.js';
import { recordChange } from '../src/modules/config-changes/record-change.js';
import { staleEdit } from '../src/modules/config-changes/stale-edit.js';
import { listenConfigChanges, onConfigChange, publishConfigChange, type ConfigTopic } from '../src/modules/config-changes/config-bus.js';

let db: TestDatabase;
let redisPrefix: RedisPrefix;

beforeAll(async () => {
  db = await createTestDatabase();
  redisPrefix = createRedisPrefix();
  await seedDatabase(db.prisma, { demoAccounts: false });
});
afterAll(async () => {
  await redisPrefix?.cleanup();
  await db?.drop();
});

function requestOf(username: string): FastifyRequest {
  return { actor: { id: null, username }, ip: '127.0.0.1', id: `req-${username}` } as unknown as FastifyRequest;
}

/** One versioned edit of a unit's name, as an administration route does it. */
async function renameUnit(id: string, sentVersion: number, name: string, by: string) {
  return db.prisma.$transaction(async (tx) => {
    const before = await tx.unit.findUniqueOrThrow({ where: { id } });
    const { count } = await tx.unit.updateMany({ where: { id, version: sentVersion }, data: { name, version: { increment: 1 } } });
    if (count === 0) throw await staleEdit(tx, { resource: 'unit', resourceId: id, sentVersion, current: await tx.unit.findUnique({ where: { id } }) });
    const after = await tx.unit.findUniqueOrThrow({ where: { id } });
    await recordChange(tx, requestOf(by), new Date(), { act: 'update', resource: 'unit', resourceId: id, version: after.version, before, after });
    return after;
  });
}

describe('a versioned edit', () => {
  it('writes the audit row with the fields changed, before and after', async () => {
    const unit = await db.prisma.unit.findFirstOrThrow({ orderBy: { code: 'asc' } });
    const after = await renameUnit(unit.id, unit.version, `${unit.name}（改）`, 'admin-a');
    expect(after.version).toBe(unit.version + 1);
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { resource: 'unit', resourceId: unit.id }, orderBy: { id: 'desc' } });
    expect(row.action).toBe('config.update');
    expect(row.actorName).toBe('admin-a');
    const details = row.details as { version: number; changed: string[]; before: { name: string }; after: { name: string } };
    expect(details).toMatchObject({ version: after.version, before: { name: unit.name }, after: { name: after.name } });
    expect(details.changed).toEqual(['name', 'version']);
  });

  it('answers 409 to a stale edit, naming who changed which fields since, and changes nothing', async () => {
    const unit = await db.prisma.unit.findFirstOrThrow({ orderBy: { code: 'desc' } });
    await renameUnit(unit.id, unit.version, '先到的名字', 'admin-first');
    const error = await renameUnit(unit.id, unit.version, '后到的名字', 'admin-late').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.statusCode).toBe(409);
    expect(appError.extra.details).toMatchObject({
      reason: 'stale_version', sentVersion: unit.version, currentVersion: unit.version + 1, changedFields: ['name', 'version'],
      changes: [{ by: 'admin-first', version: unit.version + 1, fields: ['name', 'version'] }], current: { name: '先到的名字' },
    });
    expect((await db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe('先到的名字');
    expect(await db.prisma.auditLog.count({ where: { resource: 'unit', resourceId: unit.id } })).toBe(1);
  });

  it('lets only one of two concurrent edits from the same version win', async () => {
    const unit = await db.prisma.unit.findFirstOrThrow({ where: { type: 'department' }, orderBy: { code: 'asc' } });
    const results = await Promise.allSettled([renameUnit(unit.id, unit.version, '甲', 'a'), renameUnit(unit.id, unit.version, '乙', 'b')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect((rejected?.reason as AppError).statusCode).toBe(409);
  });
});

describe('the config bus', () => {
  it('clears caches in this process before answering and tells every other process', async () => {
    const heard: ConfigTopic[][] = [];
    let localRuns = 0;
    const stop = onConfigChange('units', () => { localRuns += 1; });
    const other = await listenConfigChanges({ url: redisPrefix.url }, `${redisPrefix.prefix}:`, (topics) => heard.push(topics));
    const publisher = new Redis(redisPrefix.url);
    try {
      const runsAtConnect = localRuns;
      const received = new Promise<void>((resolve) => {
        const timer = setInterval(() => { if (heard.length > 0) { clearInterval(timer); resolve(); } }, 10);
      });
      await publishConfigChange(publisher, `${redisPrefix.prefix}:`, ['units']);
      expect(localRuns).toBeGreaterThan(runsAtConnect);
      await received;
      expect(heard).toEqual([['units']]);
    } finally {
      stop();
      publisher.disconnect();
      await other.close();
    }
  });
});
