export { applyMigrations, type ApplyMigrationsOptions, type ApplyMigrationsResult } from './apply-migrations'
export {
  createMigration,
  toMigrationSlug,
  formatMigrationTimestamp,
  type CreateMigrationOptions,
  type CreateMigrationResult,
} from './create-migration'
export { MigrateError, MigrateErrorCode } from './migrate-error'
export { readMigrationsList } from './read-migrations'
export { parseDatabaseUrl, ensureDatabaseExists } from './database-url'
export { getSchemaEngineVersion } from './load-schema-engine'
export { DEFAULT_PRISMA_DIR, REPO_ROOT, resolvePrismaPaths } from './paths'
