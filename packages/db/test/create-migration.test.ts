import { cp, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { applyMigrations, createMigration, DEFAULT_PRISMA_DIR, MigrateError, toMigrationSlug } from '../src/migrate'
import { makeDatabaseUrl, makePrismaDir, runSql, schemaWith } from './pg-fixtures'
import { writeFile } from 'node:fs/promises'

const NOTE_MODEL = `model CallerNote {
  id   Int    @id @default(autoincrement())
  body String
  @@map("caller_note")
}`
const NOTE_WITH_HOTLINE = NOTE_MODEL.replace('body String', 'body String\n  hotline String?')

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function tempPrismaDir(schema: string) {
  const prisma = await makePrismaDir(schema)
  cleanups.push(prisma.remove)
  return prisma.dir
}

const listMigrations = async (prismaDir: string) =>
  (await readdir(path.join(prismaDir, 'migrations'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()

describe('createMigration (migrate dev --create-only on a PGlite shadow)', { timeout: 120_000 }, () => {
  it('writes the first migration, then nothing while the schema is unchanged, then only the change', async () => {
    const prismaDir = await tempPrismaDir(schemaWith(NOTE_MODEL))

    const first = await createMigration({ name: 'init', prismaDir, now: new Date('2025-03-01T08:09:10Z') })
    expect(first).toMatchObject({ created: true, migrationName: '20250301080910_init' })
    const firstSql = await readFile(path.join(prismaDir, 'migrations/20250301080910_init/migration.sql'), 'utf8')
    expect(firstSql).toContain('CREATE TABLE "caller_note"')
    expect(await readFile(path.join(prismaDir, 'migrations/migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"')

    const unchanged = await createMigration({ name: 'nothing', prismaDir, now: new Date('2025-03-02T00:00:00Z') })
    expect(unchanged.created).toBe(false)
    expect(await listMigrations(prismaDir)).toEqual(['20250301080910_init'])

    await writeFile(path.join(prismaDir, 'schema.prisma'), schemaWith(NOTE_WITH_HOTLINE))
    const change = await createMigration({ name: 'Add hotline!', prismaDir, now: new Date('2025-03-03T00:00:00Z') })
    expect(change).toMatchObject({ created: true, migrationName: '20250303000000_add_hotline' })
    const changeSql = await readFile(path.join(prismaDir, 'migrations/20250303000000_add_hotline/migration.sql'), 'utf8')
    expect(changeSql).toMatch(/ALTER TABLE "caller_note" ADD COLUMN\s+"hotline" TEXT/)
    expect(changeSql).not.toContain('CREATE TABLE')

    // The generated folders deploy cleanly to a real server.
    const database = makeDatabaseUrl()
    cleanups.push(database.drop)
    const deployed = await applyMigrations(database.url, { migrationsDir: path.join(prismaDir, 'migrations') })
    expect(deployed.appliedMigrationNames).toEqual(['20250301080910_init', '20250303000000_add_hotline'])
    const columns = await runSql<{ column_name: string }>(database.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'caller_note' ORDER BY ordinal_position`)
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'body', 'hotline'])
  })

  it('brings a given development database up to date first, without applying the new migration', async () => {
    const prismaDir = await tempPrismaDir(schemaWith(NOTE_MODEL))
    await createMigration({ name: 'init', prismaDir, now: new Date('2025-03-01T00:00:00Z') })
    await writeFile(path.join(prismaDir, 'schema.prisma'), schemaWith(NOTE_WITH_HOTLINE))
    const database = makeDatabaseUrl()
    cleanups.push(database.drop)

    const result = await createMigration({ name: 'add_hotline', prismaDir, databaseUrl: database.url, now: new Date('2025-03-02T00:00:00Z') })

    expect(result).toMatchObject({ created: true, appliedMigrationNames: ['20250301000000_init'] })
    const applied = await runSql<{ migration_name: string }>(database.url, 'SELECT migration_name FROM _prisma_migrations')
    expect(applied.map((row) => row.migration_name)).toEqual(['20250301000000_init'])
  })

  it("diffs the repository's own schema from a copy of its prisma folder, leaving the repository untouched", async () => {
    const prismaDir = await tempPrismaDir(schemaWith(''))
    await cp(DEFAULT_PRISMA_DIR, prismaDir, { recursive: true, filter: (source) => !source.includes(`${path.sep}seed`) })
    const before = await readdir(DEFAULT_PRISMA_DIR, { recursive: true })

    const result = await createMigration({ name: 'check', prismaDir })

    // With no migrations committed yet this is the initial migration; once they exist it must be empty.
    const repoHasMigrations = before.some((entry) => entry.toString().endsWith('migration.sql'))
    expect(result.created).toBe(!repoHasMigrations)
    expect(await readdir(DEFAULT_PRISMA_DIR, { recursive: true })).toEqual(before)
  })

  it('rejects names without letters or digits and a missing schema', async () => {
    expect(toMigrationSlug('  Add ticket Tags ')).toBe('add_ticket_tags')
    expect(() => toMigrationSlug('!!!')).toThrow(MigrateError)
    const prismaDir = await tempPrismaDir(schemaWith(NOTE_MODEL))
    await expect(createMigration({ name: '', prismaDir })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(createMigration({ name: 'x', prismaDir: path.join(prismaDir, 'missing') })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('schema.prisma'),
    })
  })
})
