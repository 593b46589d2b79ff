import pg from 'pg'

/**
 * The trigger function the migrations put on append-only tables (audit_log, ticket_event,
 * assessment_scheme_version): a row-level BEFORE UPDATE OR DELETE trigger calling it marks the table.
 */
const APPEND_ONLY_FUNCTION = 'yixian_refuse_change'
/** Prisma's migration history: the app never reads or writes it. */
const MIGRATIONS_TABLE = '_prisma_migrations'

export type AppRoleGrants = {
  /** Tables the role may SELECT, INSERT, UPDATE and DELETE. */
  readWrite: string[]
  /** Append-only tables: SELECT and INSERT only. */
  appendOnly: string[]
}

/** Tables of `public` whose rows a trigger keeps from being changed or deleted. */
async function findAppendOnlyTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ table: string }>(
    `SELECT DISTINCT c.relname AS table
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE n.nspname = 'public' AND p.proname = $1 AND NOT t.tgisinternal
        AND (t.tgtype & 1) = 1           -- FOR EACH ROW
        AND (t.tgtype & (8 | 16)) <> 0   -- on DELETE or UPDATE
      ORDER BY 1`,
    [APPEND_ONLY_FUNCTION],
  )
  return rows.map((row) => row.table)
}

async function findTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1 ORDER BY 1`,
    [MIGRATIONS_TABLE],
  )
  return rows.map((row) => row.table)
}

/**
 * Gives the app's role exactly what the API, worker and bridge need, and nothing more, on the
 * database `client` is connected to (as the owner of its tables, after every migration):
 * SELECT/INSERT/UPDATE/DELETE on every table, SELECT/INSERT only on the append-only ones (found by
 * their trigger, so a new append-only table is covered without editing this), USAGE on sequences.
 * No TRUNCATE, no REFERENCES, no TRIGGER, no CREATE, nothing on the migration history. Runs in one
 * transaction: starting from nothing each time, so a table that became append-only loses UPDATE.
 */
export async function grantAppRole(client: pg.ClientBase, role: string): Promise<AppRoleGrants> {
  const who = pg.escapeIdentifier(role)
  await client.query('BEGIN')
  try {
    const tables = await findTables(client)
    const appendOnly = await findAppendOnlyTables(client)
    const readWrite = tables.filter((table) => !appendOnly.includes(table))
    const list = (names: string[]) => names.map((name) => pg.escapeIdentifier(name)).join(', ')
    await client.query(`GRANT USAGE ON SCHEMA public TO ${who}`)
    await client.query(`REVOKE CREATE ON SCHEMA public FROM ${who}`)
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${who}`)
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${who}`)
    if (readWrite.length) await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${list(readWrite)} TO ${who}`)
    if (appendOnly.length) await client.query(`GRANT SELECT, INSERT ON ${list(appendOnly)} TO ${who}`)
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${who}`)
    await client.query('COMMIT')
    return { readWrite, appendOnly }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}
