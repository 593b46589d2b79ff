import path from 'node:path'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { createRedisPrefix, createTestDatabase, hashMigrations, testTemplateName, TEST_APP_ROLE } from '../src/testing'
import { makePrismaDir, runSql, schemaWith, SERVER_URL } from './pg-fixtures'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function tempMigrations(sql: string) {
  const prisma = await makePrismaDir(schemaWith(''), { '20250101000000_init': sql })
  cleanups.push(prisma.remove)
  return path.join(prisma.dir, 'migrations')
}

const databaseExists = async (name: string) =>
  (await runSql(SERVER_URL, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1

describe('createTestDatabase', { timeout: 60_000 }, () => {
  it('gives each caller its own migrated copy of one template, and drop() removes it', async () => {
    const migrationsDir = await tempMigrations(`CREATE TABLE "probe_${Date.now()}" ("id" INT PRIMARY KEY);\n`)
    const template = await testTemplateName(migrationsDir)
    cleanups.push(() => runSql(SERVER_URL, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`))

    // Parallel callers (as parallel test files would be) build the template once, under the lock.
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createTestDatabase({ migrationsDir })))
    if (!a || !b || !c) throw new Error('expected three databases')
    cleanups.push(a.drop, b.drop, c.drop)
    expect(new Set([a.name, b.name, c.name]).size).toBe(3)
    expect(await databaseExists(template)).toBe(true)

    const tables = await a.prisma.$queryRawUnsafe<Array<{ tablename: string }>>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
    expect(tables.map((t) => t.tablename)).toEqual(['_prisma_migrations', expect.stringMatching(/^probe_\d+$/)])
    const history = await runSql<{ migration_name: string }>(b.ownerUrl, 'SELECT migration_name FROM _prisma_migrations')
    expect(history.map((row) => row.migration_name)).toEqual(['20250101000000_init'])

    // The app's connection logs in as the app's role, which may not create tables; the owner may. Copies are independent.
    expect(await a.prisma.$queryRawUnsafe(`SELECT current_user AS "user"`)).toEqual([{ user: TEST_APP_ROLE }])
    await expect(a.prisma.$executeRawUnsafe(`CREATE TABLE only_in_a (id INT)`)).rejects.toThrow(/permission denied/)
    await runSql(a.ownerUrl, `CREATE TABLE only_in_a (id INT)`)
    expect(await runSql(c.url, `SELECT to_regclass('only_in_a') AS t`)).toEqual([{ t: null }])

    await a.drop()
    await a.drop()
    expect(await databaseExists(a.name)).toBe(false)
    expect(await databaseExists(b.name)).toBe(true)
  })

  it('builds a new template when the migrations change', async () => {
    const first = await tempMigrations('CREATE TABLE "one" ("id" INT);\n')
    const second = await tempMigrations('CREATE TABLE "two" ("id" INT);\n')
    expect(await hashMigrations(first)).not.toBe(await hashMigrations(second))
    for (const dir of [first, second]) {
      const template = await testTemplateName(dir)
      cleanups.push(() => runSql(SERVER_URL, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`))
    }
    const db = await createTestDatabase({ migrationsDir: second })
    cleanups.push(db.drop)
    expect(await runSql(db.url, `SELECT to_regclass('two') IS NOT NULL AS has_two, to_regclass('one') IS NOT NULL AS has_one`)).toEqual([
      { has_two: true, has_one: false },
    ])
  })
})

describe('createRedisPrefix', () => {
  it('cleans up exactly the keys under its own prefix', async () => {
    const mine = createRedisPrefix()
    const other = createRedisPrefix()
    expect(mine.prefix).not.toBe(other.prefix)
    const redis = new Redis(mine.url)
    cleanups.push(async () => redis.quit(), () => other.cleanup())
    await redis.set(mine.key('a'), '1')
    await redis.hset(mine.key('b'), 'f', 'v')
    await redis.set(other.key('a'), '1')

    expect(await mine.cleanup()).toBe(2)
    expect(await redis.exists(mine.key('a'), mine.key('b'))).toBe(0)
    expect(await redis.get(other.key('a'))).toBe('1')
  })
})
