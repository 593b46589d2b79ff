import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { createPrismaClient } from '../client'
import type { PrismaClient } from '../generated/prisma/client'
import { applyMigrations } from '../migrate/apply-migrations'
import { resolvePrismaPaths } from '../migrate/paths'
import { ensureAppRole } from '../roles/ensure-app-role'
import { grantAppRole } from '../roles/grant-app-role'
import { hashMigrations } from './hash-migrations'

const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres'
/** Advisory-lock key guarding template builds across parallel test workers. */
const TEMPLATE_LOCK_KEY = 7_946_130_002
/** `app` since test databases carry the app role's grants: older templates (without them) are not reused. */
const TEMPLATE_PREFIX = 'yixian_tpl_app_'
/**
 * The role the app's connections use in tests, as in production: no superuser, owner of nothing, only
 * the grants `grantAppRole` gives. One per server (roles are cluster-wide); the password matters only
 * on a server that asks for one.
 */
export const TEST_APP_ROLE = 'yixian_test_app'
const TEST_APP_PASSWORD = 'yixian-test-app'

export type TestDatabase = {
  /** Connection URL of the new database, as the app's role ({@link TEST_APP_ROLE}): what the app under test uses. */
  url: string
  /** The same database as the server's own user (superuser on CI), owner of the tables: for set-up the app may not do. */
  ownerUrl: string
  /** Its name (`yixian_test_<random>`). */
  name: string
  /** A client on it as the app's role; `drop()` disconnects it. */
  prisma: PrismaClient
  /** Disconnects and drops the database (safe to call twice). */
  drop: () => Promise<void>
}

export type CreateTestDatabaseOptions = {
  /** Migrations to apply; defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string
}

/** The server tests use: TEST_DATABASE_URL, else DATABASE_URL, else the local default. */
export function resolveTestServerUrl(): string {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_SERVER_URL
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.href
}

/** `url` logging in as the tests' app role ({@link TEST_APP_ROLE}) instead of the server's user. */
export function asTestAppRole(url: string): string {
  const appUrl = new URL(url)
  appUrl.username = TEST_APP_ROLE
  appUrl.password = TEST_APP_PASSWORD
  return appUrl.href
}

/** The template's name for a migrations folder: its hash, under a prefix naming what else it holds. */
export async function testTemplateName(migrationsDir: string): Promise<string> {
  return `${TEMPLATE_PREFIX}${await hashMigrations(migrationsDir)}`
}

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Migrates a template database once per distinct migrations folder (named by its hash) and returns its
 * name. Parallel workers serialise on an advisory lock; the template appears under its final name only
 * once complete (built under a temporary name, then renamed), so nobody copies a half-built one.
 */
async function ensureTemplate(serverUrl: string, migrationsDir: string): Promise<string> {
  const template = await testTemplateName(migrationsDir)
  return withAdminClient(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY])
    await ensureAppRole(client, TEST_APP_ROLE, TEST_APP_PASSWORD)
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])
    if (rowCount) return template
    const building = `${template}_build_${randomUUID().slice(0, 8)}`
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(building)}`)
    try {
      await applyMigrations(withDatabase(serverUrl, building), { migrationsDir })
      // Grants live in the database's catalog, so every copy of the template carries them.
      await withAdminClient(withDatabase(serverUrl, building), (owner) => grantAppRole(owner, TEST_APP_ROLE))
      await client.query(`ALTER DATABASE ${pg.escapeIdentifier(building)} RENAME TO ${pg.escapeIdentifier(template)}`)
    } catch (error) {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(building)} WITH (FORCE)`).catch(() => {})
      throw error
    }
    return template
  })
}

/**
 * A fresh, fully migrated database for one test suite, in milliseconds: migrations run once into a
 * template (per migrations hash), and each database is a `CREATE DATABASE … TEMPLATE` copy of it.
 * `url` and `prisma` log in as the app's role, so every suite proves the grants suffice.
 * Call `drop()` in afterAll. Needs the generated client (`pnpm db:generate`).
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = resolveTestServerUrl()
  const migrationsDir = options.migrationsDir ?? resolvePrismaPaths().migrationsDir
  const template = await ensureTemplate(serverUrl, migrationsDir)
  const name = `yixian_test_${randomUUID().replaceAll('-', '').slice(0, 20)}`
  await withAdminClient(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`)
        return
      } catch (error) {
        // 55006: the template is briefly in use (another worker copying it); try again.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
      }
    }
  })
  const ownerUrl = withDatabase(serverUrl, name)
  const url = asTestAppRole(ownerUrl)
  const prisma = createPrismaClient(url, { maxConnections: 5 })
  let dropping: Promise<void> | undefined
  const drop = () =>
    (dropping ??= (async () => {
      await prisma.$disconnect().catch(() => {})
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`))
    })())
  return { url, ownerUrl, name, prisma, drop }
}
