import pg from 'pg'

/** The attributes the app's role must have: it logs in, and can do nothing beyond its grants. */
const LIMITS = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS'

/**
 * Creates the app's login role when missing, or brings an existing one back to {@link LIMITS} (and
 * to `password`, when given). Needs a connection allowed to manage roles (superuser or CREATEROLE).
 * Concurrent callers are fine: a role created meanwhile by another is altered instead.
 */
export async function ensureAppRole(client: pg.ClientBase, role: string, password?: string): Promise<void> {
  const who = pg.escapeIdentifier(role)
  const withPassword = password === undefined ? '' : ` PASSWORD ${pg.escapeLiteral(password)}`
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])
  if (!rowCount) {
    try {
      await client.query(`CREATE ROLE ${who} ${LIMITS}${withPassword}`)
      return
    } catch (error) {
      // 42710 duplicate_object / 23505: created by a parallel caller; fall through and align it.
      const code = (error as { code?: string }).code
      if (code !== '42710' && code !== '23505') throw error
    }
  }
  await client.query(`ALTER ROLE ${who} ${LIMITS}${withPassword}`)
}
