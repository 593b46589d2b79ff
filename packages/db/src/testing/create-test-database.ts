import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { createPrismaClient } from '../client'
import type { PrismaClient } from '../generated/prisma/client'
import { applyMigrations } from '../migrate/apply-migrations'
import { resolvePrismaPaths } from '../migrate/paths'
import { hashMigrations } from './hash-migrations'

const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres'
/** Advisory-lock key guarding template builds across parallel test workers. */
const TEMPLATE_LOCK_KEY = 7_946_130_002
const TEMPLATE_PREFIX = 'yixian_tpl_'

export type TestDatabase = {
  /** Connection URL of the new database. */
  url: string
  /** Its name (`yixian_test_<random>`). */
  name: string
  /** A client on it; `drop()` disconnects it. */
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
  const template = `${TEMPLATE_PREFIX}${await hashMigrations(migrationsDir)}`
  return withAdminClient(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY])
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])
    if (rowCount) return template
    const building = `${template}_build_${randomUUID().slice(0, 8)}`
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(building)}`)
    try {
      await applyMigrations(withDatabase(serverUrl, building), { migrationsDir })
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
  const url = withDatabase(serverUrl, name)
  const prisma = createPrismaClient(url, { maxConnections: 5 })
  let dropping: Promise<void> | undefined
  const drop = () =>
    (dropping ??= (async () => {
      await prisma.$disconnect().catch(() => {})
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`))
    })())
  return { url, name, prisma, drop }
}
