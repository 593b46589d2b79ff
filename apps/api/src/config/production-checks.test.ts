import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@yixian/db/testing';
import { seedDatabase } from '../../../../prisma/seed/index.js';
import { DEMO_USERS } from '../../../../prisma/seed/seed-users.js';
import { loadConfig } from './config.js';
import { findDemoAccountProblems } from './demo-account-checks.js';
import { assertProductionReady, findCookieProblems, findSecretProblems } from './production-checks.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { password: 'test-password-1' });
});
afterAll(async () => db?.drop());

const SECURE = {
  DATABASE_URL: 'postgresql://yixian_app:Ra9-long-db-secret-77@db.internal:5432/yixian',
  REDIS_URL: 'redis://:Ra9-long-redis-secret-77@redis.internal:6379',
  AMI_URL: 'ami://yixian:Ra9-long-ami-secret-77@pbx.internal:5038',
  PUBLIC_ORIGIN: 'https://12345.example.gov.cn',
};

describe('production mode', () => {
  it('names every default or missing secret of the demo set-up', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://postgres:yixian@127.0.0.1:5432/yixian', REDIS_URL: 'redis://10.0.0.5:6379', DEMO_PASSWORD: 'yixian-demo' });
    const problems = findSecretProblems(config, { DEMO_PASSWORD: 'yixian-demo' }).join('\n');
    expect(problems).toMatch(/DATABASE_URL uses a default password/);
    expect(problems).toMatch(/REDIS_URL points at 10\.0\.0\.5 without a password/);
    expect(problems).toMatch(/AMI_URL is not set/);
    expect(problems).toMatch(/DEMO_PASSWORD is set/);
    expect(findSecretProblems(loadConfig({ ...SECURE, AMI_URL: 'ami://yixian:yixian-simulator@pbx:5038' }), {}).join()).toMatch(/AMI_URL uses a default password/);
    expect(findSecretProblems(loadConfig({ ...SECURE, AMI_URL: 'ami://yixian:short@pbx:5038' }), {}).join()).toMatch(/AMI_URL's password is shorter than 16/);
    expect(findSecretProblems(loadConfig(SECURE), {})).toEqual([]);
  });

  it('wants TLS and a Secure cookie', () => {
    expect(findCookieProblems(loadConfig({ ...SECURE, PUBLIC_ORIGIN: '' })).join('\n')).toMatch(/PUBLIC_ORIGIN is not an https.*\n.*not Secure/);
    expect(findCookieProblems(loadConfig(SECURE))).toEqual([]);
  });

  it('seeds no demo account when told so (YIXIAN_MODE=production), and then finds none', async () => {
    const clean = await createTestDatabase();
    try {
      expect((await seedDatabase(clean.prisma, { password: 'test-password-1', demoAccounts: false })).usersCreated).toBe(0);
      expect(await findDemoAccountProblems(clean.url)).toEqual([]);
    } finally {
      await clean.drop();
    }
  });

  it('finds the demo accounts and the accounts sharing one password', async () => {
    const problems = await findDemoAccountProblems(db.url);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^${DEMO_USERS.length} demo accounts`));
    expect(problems[1]).toMatch(new RegExp(`^${DEMO_USERS.length} accounts share one password.*npm run accounts:initial-passwords -- --out`));
  });

  it('leaves demo mode alone and refuses production with every reason in one message', async () => {
    await expect(assertProductionReady('api', loadConfig({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379' }))).resolves.toBeUndefined();
    const refusal = assertProductionReady('api', loadConfig({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379', YIXIAN_MODE: 'production' }));
    await expect(refusal).rejects.toThrow(/api refuses to start in production mode[\s\S]*DATABASE_URL[\s\S]*AMI_URL is not set[\s\S]*PUBLIC_ORIGIN[\s\S]*not Secure[\s\S]*demo accounts[\s\S]*share one password/);
  });

  it('stops the API process itself, exit code 1, saying why', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
      env: { PATH: process.env.PATH, YIXIAN_MODE: 'production', DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379', CONSOLE_DIST: 'none', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/api refuses to start in production mode[\s\S]*demo accounts/);
  });
});
