import type pg from 'pg'

/** What a production start checks about the role a connection runs as (see {@link inspectAppRole}). */
export type AppRoleReport = {
  role: string
  isSuperuser: boolean
  bypassesRowSecurity: boolean
  /** Tables of `public` this role owns (or is a member of the owner of): it could disable their triggers. */
  ownedTables: string[]
  /** Tables it may not even read or insert into: the grants were not run after a migration. */
  tablesWithoutGrant: string[]
  /** Append-only tables it may UPDATE, DELETE or TRUNCATE. */
  appendOnlyWritable: string[]
}

/**
 * Reads, over the app's own connection, what its role may do. Used by the production start check and
 * the tests: the app role must not be a superuser, own tables, bypass row security, lack a grant, or
 * be able to change an append-only table.
 */
export async function inspectAppRole(client: pg.ClientBase): Promise<AppRoleReport> {
  const { rows: [self] } = await client.query<{ role: string; super: boolean; bypass: boolean }>(
    'SELECT current_user AS role, rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user',
  )
  const { rows } = await client.query<{ table: string; owned: boolean; readable: boolean; insertable: boolean; changeable: boolean; appendOnly: boolean }>(
    `SELECT c.relname AS table,
            pg_has_role(current_user, c.relowner, 'USAGE') AS owned,
            has_table_privilege(c.oid, 'SELECT') AS readable,
            has_table_privilege(c.oid, 'INSERT') AS insertable,
            has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE') AS changeable,
            EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                     WHERE t.tgrelid = c.oid AND p.proname = 'yixian_refuse_change' AND (t.tgtype & 1) = 1) AS "appendOnly"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
      ORDER BY 1`,
  )
  return {
    role: self!.role,
    isSuperuser: self!.super,
    bypassesRowSecurity: self!.bypass,
    ownedTables: rows.filter((row) => row.owned).map((row) => row.table),
    tablesWithoutGrant: rows.filter((row) => !row.readable || !row.insertable).map((row) => row.table),
    appendOnlyWritable: rows.filter((row) => row.appendOnly && row.changeable).map((row) => row.table),
  }
}

/** Plain-language problems with the report, empty when the role is fit for the app. */
export function describeAppRoleProblems(report: AppRoleReport): string[] {
  const problems: string[] = []
  if (report.isSuperuser) problems.push(`the database role "${report.role}" is a superuser (it could switch off the audit log's triggers)`)
  if (report.bypassesRowSecurity) problems.push(`the database role "${report.role}" bypasses row security`)
  if (report.ownedTables.length) problems.push(`the database role "${report.role}" owns tables (${report.ownedTables.slice(0, 5).join(', ')}${report.ownedTables.length > 5 ? ', …' : ''}): migrate as another role (MIGRATE_DATABASE_URL)`)
  if (report.tablesWithoutGrant.length) problems.push(`the database role "${report.role}" has no grant on ${report.tablesWithoutGrant.join(', ')}: run npm run db:grant`)
  if (report.appendOnlyWritable.length) problems.push(`the database role "${report.role}" may change the append-only tables ${report.appendOnlyWritable.join(', ')}: run npm run db:grant`)
  return problems
}
