import pg from 'pg'
import { describeDatabaseUrl, parseDatabaseUrl } from '../migrate/database-url'
import { ensureAppRole } from './ensure-app-role'
import { grantAppRole, type AppRoleGrants } from './grant-app-role'

export class AppRoleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AppRoleError'
  }
}

/** The role a URL logs in as (`postgres` when it names none, as libpq does for us here). */
export function roleOfUrl(url: URL): string {
  return decodeURIComponent(url.username) || 'postgres'
}

/**
 * `npm run db:grant` and the step after `npm run db:migrate`: connects with the owner's URL (the
 * migrations' role) and gives the role of `appUrl` (DATABASE_URL) its grants on that database. A
 * missing app role is created with the password in `appUrl` (the owner needs CREATEROLE then); an
 * existing one is left as it is, but refused when it is a superuser or the same role as the owner.
 */
export async function grantAppRoleByUrl(ownerUrlText: string, appUrlText: string): Promise<AppRoleGrants & { role: string }> {
  const ownerUrl = parseDatabaseUrl(ownerUrlText)
  const appUrl = parseDatabaseUrl(appUrlText)
  const role = roleOfUrl(appUrl)
  if (role === roleOfUrl(ownerUrl)) {
    throw new AppRoleError(`DATABASE_URL and MIGRATE_DATABASE_URL log in as the same role "${role}": the app must use a role of its own that does not own the tables`)
  }
  if (ownerUrl.host !== appUrl.host || ownerUrl.pathname !== appUrl.pathname) {
    throw new AppRoleError(`DATABASE_URL (${describeDatabaseUrl(appUrl)}) and MIGRATE_DATABASE_URL (${describeDatabaseUrl(ownerUrl)}) name different databases`)
  }
  const client = new pg.Client({ connectionString: ownerUrl.href })
  client.on('error', () => {})
  await client.connect()
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [role])
    if (rows.length === 0) {
      try {
        await ensureAppRole(client, role, appUrl.password ? decodeURIComponent(appUrl.password) : undefined)
      } catch (error) {
        throw new AppRoleError(`The role "${role}" of DATABASE_URL does not exist and could not be created (${(error as Error).message}): create it as a superuser with CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD '…'`, { cause: error })
      }
    } else if (rows[0]!.rolsuper || rows[0]!.rolbypassrls) {
      throw new AppRoleError(`The role "${role}" of DATABASE_URL is a superuser or bypasses row security: give the app a plain role (ALTER ROLE ${pg.escapeIdentifier(role)} NOSUPERUSER NOBYPASSRLS)`)
    }
    const database = decodeURIComponent(ownerUrl.pathname.slice(1))
    await client.query(`GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(database)} TO ${pg.escapeIdentifier(role)}`)
    return { role, ...(await grantAppRole(client, role)) }
  } finally {
    await client.end().catch(() => {})
  }
}
