/**
 * `pnpm db:migrate`: applies pending migrations from prisma/migrations, offline (Prisma's WASM schema
 * engine; the Prisma CLI would need a download), as the tables' owner, then gives the app's role its
 * grants (scripts/db/grant.ts). Exit 1 with one clear line on error.
 *
 *   MIGRATE_DATABASE_URL=postgresql://yixian_owner:…@db:5432/yixian   # migrations: the owner
 *   DATABASE_URL=postgresql://yixian_app:…@db:5432/yixian             # the app's role: gets its grants
 *   pnpm db:migrate
 *
 * With DATABASE_URL alone the migrations run as that role and it owns the tables (a warning says so).
 */
import { applyMigrations, MigrateError } from '../../packages/db/src/migrate/index'
import { AppRoleError, grantAppRoleByUrl } from '../../packages/db/src/roles/index'

async function main(): Promise<void> {
  const appUrl = process.env.DATABASE_URL ?? ''
  const ownerUrl = process.env.MIGRATE_DATABASE_URL || appUrl
  const { appliedMigrationNames } = await applyMigrations(ownerUrl)
  if (appliedMigrationNames.length === 0) console.log('No pending migrations: the database is up to date.')
  else {
    console.log(`Applied ${appliedMigrationNames.length} migration(s):`)
    for (const name of appliedMigrationNames) console.log(`  ${name}`)
  }
  if (!process.env.MIGRATE_DATABASE_URL || !appUrl) {
    console.warn('db:migrate: no MIGRATE_DATABASE_URL, so the role of DATABASE_URL owns the tables and the app could switch off the audit log\'s triggers. Production: migrate as the owner (MIGRATE_DATABASE_URL) and run the app as its own role (DATABASE_URL).')
    return
  }
  const grants = await grantAppRoleByUrl(ownerUrl, appUrl)
  console.log(`Granted "${grants.role}": read and write on ${grants.readWrite.length} tables, read and insert only on ${grants.appendOnly.join(', ')}.`)
}

main().catch((error: unknown) => {
  console.error(error instanceof MigrateError || error instanceof AppRoleError ? `db:migrate: ${error.message}` : error)
  process.exitCode = 1
})
