/**
 * `pnpm db:grant`: gives the app's role (the user of DATABASE_URL) exactly its grants on the database,
 * connecting as the tables' owner (MIGRATE_DATABASE_URL): read and write on every table, read and
 * insert only on the append-only ones (audit_log, ticket_event, assessment_scheme_version), USAGE on
 * sequences, nothing else. `db:migrate` runs it after every migration; run it by hand after restoring
 * a dump. Creates the role when missing (the owner needs CREATEROLE for that).
 */
import { MigrateError } from '../../packages/db/src/migrate/index'
import { AppRoleError, grantAppRoleByUrl } from '../../packages/db/src/roles/index'

async function main(): Promise<void> {
  const appUrl = process.env.DATABASE_URL
  const ownerUrl = process.env.MIGRATE_DATABASE_URL
  if (!appUrl || !ownerUrl) throw new AppRoleError('set DATABASE_URL (the app\'s role) and MIGRATE_DATABASE_URL (the owner of the tables)')
  const grants = await grantAppRoleByUrl(ownerUrl, appUrl)
  console.log(`Granted "${grants.role}": read and write on ${grants.readWrite.length} tables, read and insert only on ${grants.appendOnly.join(', ')}.`)
}

main().catch((error: unknown) => {
  console.error(error instanceof MigrateError || error instanceof AppRoleError ? `db:grant: ${error.message}` : error)
  process.exitCode = 1
})
