import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeAppRoleProblems, grantAppRoleByUrl, inspectAppRole } from '../src/roles'
import { createTestDatabase, TEST_APP_ROLE, type TestDatabase } from '../src/testing'

let db: TestDatabase
const clients: pg.Client[] = []
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  clients.push(client)
  return client
}
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(async () => {
  for (const client of clients) await client.end().catch(() => {})
  await db?.drop()
})

describe("the app's database role", { timeout: 60_000 }, () => {
  it('is no superuser, owns no table, and holds a grant on every table; the append-only ones take no UPDATE, DELETE or TRUNCATE', async () => {
    const report = await inspectAppRole(await connect(db.url))
    expect(report).toMatchObject({ role: TEST_APP_ROLE, isSuperuser: false, bypassesRowSecurity: false, ownedTables: [], tablesWithoutGrant: [], appendOnlyWritable: [] })
    expect(describeAppRoleProblems(report)).toEqual([])
    // The server's own user (the owner) is what the app must not be.
    expect(describeAppRoleProblems(await inspectAppRole(await connect(db.ownerUrl))).join('\n')).toMatch(/superuser|owns tables/)
  })

  it('finds the append-only tables by their triggers, and grants a table a later migration adds', async () => {
    const owner = await connect(db.ownerUrl)
    await owner.query('CREATE TABLE later_table (id SERIAL PRIMARY KEY, note TEXT)')
    await owner.query('CREATE TABLE later_trail (id SERIAL PRIMARY KEY, note TEXT)')
    await owner.query('CREATE TRIGGER later_trail_append_only BEFORE UPDATE OR DELETE ON later_trail FOR EACH ROW EXECUTE FUNCTION yixian_refuse_change()')
    const app = await connect(db.url)
    // Until the grants run, the app cannot use the new tables: the check names them.
    expect((await inspectAppRole(app)).tablesWithoutGrant).toEqual(['later_table', 'later_trail'])
    await expect(app.query(`INSERT INTO later_table (note) VALUES ('x')`)).rejects.toThrow(/permission denied/)

    const grants = await grantAppRoleByUrl(db.ownerUrl, db.url)
    expect(grants.appendOnly).toEqual(['assessment_scheme_version', 'audit_log', 'incident_event', 'knowledge_article_version', 'later_trail', 'response_plan_version', 'ticket_event'])
    expect(grants.readWrite).toContain('later_table')
    expect(grants.readWrite).not.toContain('_prisma_migrations')
    expect(await inspectAppRole(app)).toMatchObject({ tablesWithoutGrant: [], appendOnlyWritable: [], ownedTables: [] })
    await app.query(`INSERT INTO later_table (note) VALUES ('x')`)
    await app.query(`UPDATE later_table SET note = 'y'`)
    await app.query(`INSERT INTO later_trail (note) VALUES ('x')`)
    await expect(app.query(`UPDATE later_trail SET note = 'y'`)).rejects.toThrow(/permission denied for table later_trail/)
    await expect(app.query('TRUNCATE later_table')).rejects.toThrow(/permission denied/)
    await expect(app.query('SELECT * FROM _prisma_migrations')).rejects.toThrow(/permission denied/)
  })

  it('refuses to grant when the app and the owner are one role, or the app role is a superuser', async () => {
    await expect(grantAppRoleByUrl(db.ownerUrl, db.ownerUrl)).rejects.toThrow(/same role/)
    await expect(grantAppRoleByUrl(db.url, db.ownerUrl)).rejects.toThrow(/superuser/)
  })
})
