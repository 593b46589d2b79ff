import { randomUUID } from 'node:crypto'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { createPrismaClient, type PrismaClient } from '../src'
import { createTestDatabase, type TestDatabase } from '../src/testing'

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

/** A URL for a database name on the test server that does not exist yet, and a way to drop it. */
export function makeDatabaseUrl(): { url: string; name: string; drop: () => Promise<void> } {
  const name = `yixian_dbtest_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  return { url: url.href, name, drop: () => runSql(SERVER_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => {}) }
}

export async function runSql<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}

/** A temporary `prisma/` folder: `schema.prisma` plus the given migrations. */
export async function makePrismaDir(schema: string, migrations: Record<string, string> = {}): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'yixian-prisma-'))
  await writeFile(path.join(dir, 'schema.prisma'), schema)
  for (const [name, sql] of Object.entries(migrations)) await writeMigration(dir, name, sql)
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

export async function writeMigration(prismaDir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(prismaDir, 'migrations', name), { recursive: true })
  await writeFile(path.join(prismaDir, 'migrations', name, 'migration.sql'), sql)
}

export const schemaWith = (models: string): string => `generator client {
  provider = "prisma-client"
  output   = "./generated"
}

datasource db {
  provider = "postgresql"
}
${models}
`

/**
 * Inside a `describe`: a fresh migrated database for the block and a client on ONE connection (so
 * what one statement prepares or creates, the next sees), ended and dropped after it. Its
 * `prisma` and `db` are there once the block's tests run.
 */
export function useOneConnectionClient(): { readonly prisma: PrismaClient; readonly db: TestDatabase } {
  let db: TestDatabase | undefined
  let prisma: PrismaClient | undefined
  beforeAll(async () => {
    db = await createTestDatabase()
    prisma = createPrismaClient(db.url, { maxConnections: 1 })
  })
  afterAll(async () => {
    await prisma?.$disconnect()
    await db?.drop()
  })
  const missing = (): never => {
    throw new Error('useOneConnectionClient: the client exists only inside the block\'s tests')
  }
  return {
    get prisma() {
      return prisma ?? missing()
    },
    get db() {
      return db ?? missing()
    },
  }
}
