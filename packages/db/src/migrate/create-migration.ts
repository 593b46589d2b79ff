import { access, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { applyMigrations } from './apply-migrations'
import { toMigrateError } from './engine-error'
import { withSchemaEngine } from './load-schema-engine'
import { MigrateError, MigrateErrorCode } from './migrate-error'
import { resolvePrismaPaths } from './paths'
import { createPgliteFactory } from './pglite-shadow-factory'
import {
  MIGRATION_LOCK_FILE,
  MIGRATION_SCRIPT_FILE,
  POSTGRES_MIGRATION_LOCK,
  readMigrationsList,
} from './read-migrations'

const NO_FILTERS = { externalTables: [], externalEnums: [] }
/** The engine's `diff` exit code when the two schemas differ (with `exitCode: true`). */
const DIFF_HAS_CHANGES = 2

export type CreateMigrationOptions = {
  /** Short description, e.g. `add_ticket_tags`; turned into a folder-safe slug. */
  name: string
  /** A development database to bring up to date first, as `migrate dev` does; nothing is applied to it otherwise. */
  databaseUrl?: string
  /** Folder holding `schema.prisma` and `migrations/`; defaults to the repository's `prisma/`. */
  prismaDir?: string
  /** Clock for the folder's timestamp (tests). */
  now?: Date
  onLog?: (line: string) => void
}

export type CreateMigrationResult =
  | { created: true; migrationName: string; migrationPath: string; sql: string; appliedMigrationNames: string[] }
  | { created: false; appliedMigrationNames: string[] }

/** `add ticket Tags!` → `add_ticket_tags`, as Prisma names migration folders. */
export function toMigrationSlug(name: unknown): string {
  if (typeof name !== 'string') throw new MigrateError(MigrateErrorCode.invalidInput, 'Migration name is missing: pass --name <name>')
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 200)
  if (slug === '') {
    throw new MigrateError(MigrateErrorCode.invalidInput, `Migration name "${name}" has no letters or digits: pass e.g. --name add_ticket_tags`)
  }
  return slug
}

/** `YYYYMMDDHHMMSS` in UTC, the prefix Prisma gives migration folders. */
export function formatMigrationTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

/**
 * `prisma migrate dev --create-only`, offline: replays the migrations folder into a throw-away PGlite
 * shadow database, diffs the result against `schema.prisma`, and writes the difference as a new
 * `migrations/<timestamp>_<name>/migration.sql` (plus `migration_lock.toml` if missing). Writes nothing
 * when the schema and the migrations already agree. Review the SQL, then apply it with `applyMigrations`.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  const slug = toMigrationSlug(options.name)
  const { schemaPath, migrationsDir } = resolvePrismaPaths(options.prismaDir)
  const schema = await readFile(schemaPath, 'utf8').catch(() => {
    throw new MigrateError(MigrateErrorCode.invalidInput, `Prisma schema not found at ${schemaPath}`)
  })
  const appliedMigrationNames = options.databaseUrl
    ? (await applyMigrations(options.databaseUrl, { migrationsDir })).appliedMigrationNames
    : []

  const sql = await diffMigrationsAgainstSchema(migrationsDir, schemaPath, schema, options.onLog)
  if (sql === null) return { created: false, appliedMigrationNames }

  const migrationName = `${formatMigrationTimestamp(options.now ?? new Date())}_${slug}`
  const migrationPath = path.join(migrationsDir, migrationName)
  if (await access(migrationPath).then(() => true, () => false)) {
    throw new MigrateError(MigrateErrorCode.invalidInput, `Migration folder ${migrationName} already exists: wait a second or pick another name`)
  }
  await mkdir(migrationPath, { recursive: true })
  await writeFile(path.join(migrationPath, MIGRATION_SCRIPT_FILE), sql, 'utf8')
  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE)
  if (!(await access(lockPath).then(() => true, () => false))) await writeFile(lockPath, POSTGRES_MIGRATION_LOCK, 'utf8')
  return { created: true, migrationName, migrationPath, sql, appliedMigrationNames }
}

/** The SQL that takes a database from the migrations' end state to the schema, or null when none is needed. */
async function diffMigrationsAgainstSchema(
  migrationsDir: string,
  schemaPath: string,
  schema: string,
  onLog?: (line: string) => void,
): Promise<string | null> {
  const migrationsList = await readMigrationsList(migrationsDir)
  // The engine reads the provider from the lock file; a first migration has none yet.
  migrationsList.lockfile.content ??= POSTGRES_MIGRATION_LOCK
  const schemaFile = { path: path.basename(schemaPath), content: schema }
  const adapterFactory = createPgliteFactory()
  try {
    return await withSchemaEngine({ adapterFactory, datamodels: [[schemaFile.path, schema]], ...(onLog ? { onLog } : {}) }, async (engine) => {
      const result = await engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [schemaFile] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      })
      return result.exitCode === DIFF_HAS_CHANGES && result.stdout ? result.stdout : null
    })
  } catch (error) {
    throw toMigrateError(error)
  } finally {
    await adapterFactory.close()
  }
}
