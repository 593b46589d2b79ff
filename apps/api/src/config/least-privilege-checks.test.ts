import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@yixian/db/testing';
import { findOpenRedisProblems } from '@yixian/runtime';
import { findDatabaseRoleProblems, findLeastPrivilegeProblems } from './least-privilege-checks.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('least-privilege start checks', () => {
  it("accept the app's own role and refuse the superuser that owns the audit log", async () => {
    expect(await findDatabaseRoleProblems(db.url)).toEqual([]);
    const problems = await findDatabaseRoleProblems(db.ownerUrl);
    expect(problems.join('\n')).toMatch(/is a superuser/);
    expect(problems.join('\n')).toMatch(/owns tables/);
    expect(problems.join('\n')).toMatch(/MIGRATE_DATABASE_URL/);
  });

  it('refuse a Redis on another host without a password, and only that', () => {
    expect(findOpenRedisProblems('REDIS_URL', 'redis://10.0.0.5:6379')).toEqual([expect.stringMatching(/REDIS_URL points at 10\.0\.0\.5 without a password/)]);
    expect(findOpenRedisProblems('REDIS_URL', 'redis://redis.internal')).toHaveLength(1);
    expect(findOpenRedisProblems('REDIS_URL', 'redis://:s3cret@10.0.0.5:6379')).toEqual([]);
    expect(findOpenRedisProblems('REDIS_URL', 'rediss://default:s3cret@redis.internal:6380')).toEqual([]);
    expect(findOpenRedisProblems('REDIS_URL', 'redis://127.0.0.1:6379')).toEqual([]);
    expect(findOpenRedisProblems('REDIS_URL', 'redis://localhost:6379')).toEqual([]);
  });

  it('list every problem at once', async () => {
    expect(await findLeastPrivilegeProblems({ databaseUrl: db.url, redisUrl: 'redis://127.0.0.1:6379' })).toEqual([]);
    const problems = await findLeastPrivilegeProblems({ databaseUrl: db.ownerUrl, redisUrl: 'redis://10.1.1.1:6379' });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/superuser/), expect.stringMatching(/owns tables/), expect.stringMatching(/^REDIS_URL/)]));
  });
});
