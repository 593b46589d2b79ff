import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { withWholeScripts } from './whole-script-adapter'
import { ensureDatabaseExists } from './database-url'
import { toMigrateError } from './engine-error'
import { withSchemaEngine } from './load-schema-engine'
import { withMigrateLock } from './migrate-lock'
import { resolvePrismaPaths } from './paths'
import { readMigrationsList } from './read-migrations'

const NO_FILTERS = { externalTables: [], externalEnums: [] }

export type ApplyMigrationsOptions = {
  /** Folder of `<timestamp>_<name>/migration.sql`; defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string
  /** Receives the schema engine's JSON log lines. */
  onLog?: (line: string) => void
}

export type ApplyMigrationsResult = {
  /** Migrations applied by this call, in order; empty when the database was already up to date. */
  appliedMigrationNames: string[]
}

/**
 * `prisma migrate deploy`, offline: applies every migration not yet recorded in `_prisma_migrations`,
 * in folder-name order, and records each one (checksum, timestamps, steps) exactly as Prisma does, so
 * the Prisma CLI and this command can be used on the same database. Creates the database if missing.
 * A failed script throws a MigrateError naming the migration, and later runs refuse until it is resolved.
 */
export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<ApplyMigrationsResult> {
  const url = await ensureDatabaseExists(databaseUrl)
  const migrationsDir = options.migrationsDir ?? resolvePrismaPaths().migrationsDir
  const migrationsList = await readMigrationsList(migrationsDir)
  return withMigrateLock(url, async () => {
    const pool = new pg.Pool({ connectionString: url.href, max: 2 })
    pool.on('error', () => {})
    try {
      const adapterFactory = withWholeScripts(new PrismaPg(pool), pool)
      const engineOptions = options.onLog ? { adapterFactory, onLog: options.onLog } : { adapterFactory }
      return await withSchemaEngine(engineOptions, async (engine) => {
        const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS })
        return { appliedMigrationNames: output.appliedMigrationNames }
      })
    } catch (error) {
      throw toMigrateError(error)
    } finally {
      await pool.end()
    }
  })
}
