import { createHash } from 'node:crypto'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { applyMigrations, MigrateError } from '../src/migrate'
import { makeDatabaseUrl, makePrismaDir, runSql, schemaWith, writeMigration } from './pg-fixtures'

const INIT_SQL = 'CREATE TABLE "caller_note" ("id" SERIAL PRIMARY KEY, "body" TEXT NOT NULL);\n'
const ADD_COLUMN_SQL = 'ALTER TABLE "caller_note" ADD COLUMN "hotline" TEXT;\n'
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

type MigrationRow = {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
  logs: string | null
  applied_steps_count: number
}

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function setUp(migrations: Record<string, string>) {
  const prisma = await makePrismaDir(schemaWith(''), migrations)
  const database = makeDatabaseUrl()
  cleanups.push(prisma.remove, database.drop)
  return { migrationsDir: path.join(prisma.dir, 'migrations'), prismaDir: prisma.dir, url: database.url }
}

const readHistory = (url: string) =>
  runSql<MigrationRow>(url, 'SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY started_at, migration_name')

describe('applyMigrations (migrate deploy on the WASM engine)', { timeout: 60_000 }, () => {
  it('creates the database, applies every migration in order and records them as Prisma does', async () => {
    const { migrationsDir, url } = await setUp({ '20250101000000_init': INIT_SQL, '20250102000000_hotline': ADD_COLUMN_SQL })

    const result = await applyMigrations(url, { migrationsDir })

    expect(result.appliedMigrationNames).toEqual(['20250101000000_init', '20250102000000_hotline'])
    const columns = await runSql<{ column_name: string }>(url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'caller_note' ORDER BY ordinal_position`)
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'body', 'hotline'])
    const history = await readHistory(url)
    expect(history).toHaveLength(2)
    expect(history.map((row) => [row.migration_name, row.checksum])).toEqual([
      ['20250101000000_init', sha256(INIT_SQL)],
      ['20250102000000_hotline', sha256(ADD_COLUMN_SQL)],
    ])
    for (const row of history) {
      expect(row.finished_at).toBeInstanceOf(Date)
      expect(row.rolled_back_at).toBeNull()
      expect(row.logs).toBeNull()
      expect(row.applied_steps_count).toBe(1)
    }
  })

  it('is idempotent: a second run applies nothing, a new folder applies only itself', async () => {
    const { migrationsDir, prismaDir, url } = await setUp({ '20250101000000_init': INIT_SQL })
    await applyMigrations(url, { migrationsDir })

    expect((await applyMigrations(url, { migrationsDir })).appliedMigrationNames).toEqual([])
    expect(await readHistory(url)).toHaveLength(1)

    await writeMigration(prismaDir, '20250102000000_hotline', ADD_COLUMN_SQL)
    expect((await applyMigrations(url, { migrationsDir })).appliedMigrationNames).toEqual(['20250102000000_hotline'])
    expect(await readHistory(url)).toHaveLength(2)
  })

  it('names the migration whose SQL fails, and refuses to go on until it is resolved', async () => {
    const { migrationsDir, url } = await setUp({
      '20250101000000_init': INIT_SQL,
      '20250102000000_broken': 'ALTER TABLE "no_such_table" ADD COLUMN "x" TEXT;\n',
    })

    const failure = await applyMigrations(url, { migrationsDir }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MigrateError)
    expect(failure).toMatchObject({ code: 'migration_failed', migrationName: '20250102000000_broken' })
    expect((failure as Error).message).toContain('20250102000000_broken')
    expect((failure as Error).message).not.toMatch(/schema_engine_wasm|\n\s+0: /)

    const again = await applyMigrations(url, { migrationsDir }).catch((error: unknown) => error)
    expect(again).toMatchObject({ code: 'failed_history', migrationName: '20250102000000_broken' })
  })

  it('rejects a bad URL and an unreachable server with a clear message', async () => {
    await expect(applyMigrations('mysql://root@127.0.0.1/x')).rejects.toMatchObject({ code: 'invalid_url', message: expect.stringContaining('postgresql://') })
    await expect(applyMigrations('not a url')).rejects.toMatchObject({ code: 'invalid_url' })
    await expect(applyMigrations('postgresql://127.0.0.1:5432')).rejects.toMatchObject({ code: 'invalid_url', message: expect.stringContaining('no database') })
    await expect(applyMigrations('postgresql://postgres:secret@127.0.0.1:1/yixian')).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.not.stringContaining('secret'),
    })
  })
})
