/**
 * `pnpm db:migrate`: applies pending migrations from prisma/migrations to DATABASE_URL, offline
 * (Prisma's WASM schema engine; the Prisma CLI would need a download). Exit 1 with one clear line on error.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/yixian pnpm db:migrate
 */
import { applyMigrations, MigrateError } from '../../packages/db/src/migrate/index'

async function main(): Promise<void> {
  const { appliedMigrationNames } = await applyMigrations(process.env.DATABASE_URL ?? '')
  if (appliedMigrationNames.length === 0) {
    console.log('No pending migrations: the database is up to date.')
    return
  }
  console.log(`Applied ${appliedMigrationNames.length} migration(s):`)
  for (const name of appliedMigrationNames) console.log(`  ${name}`)
}

main().catch((error: unknown) => {
  console.error(error instanceof MigrateError ? `db:migrate: ${error.message}` : error)
  process.exitCode = 1
})
