import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { registerDirectPool } from './direct-query'
import { PrismaClient } from './generated/prisma/client'
import { preparedStatementName } from './prepared-statements'

export type CreatePrismaClientOptions = {
  /** Connections in the pool (pg's default is 10). */
  maxConnections?: number
}

/**
 * The one way the app, the worker, scripts and tests get a Prisma client: Prisma 7 has no bundled
 * engine, so every client runs on the `pg` driver through `@prisma/adapter-pg`. Call `$disconnect()`
 * on shutdown to end the pool.
 */
export function createPrismaClient(url: string, options: CreatePrismaClientOptions = {}): PrismaClient {
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('createPrismaClient: expected a postgresql:// URL (set DATABASE_URL)')
  }
  // One pool for Prisma and for the hot path's direct statements (direct-query.ts); `$disconnect()` ends it.
  const pool = new pg.Pool({ connectionString: url, ...(options.maxConnections ? { max: options.maxConnections } : {}) })
  // An idle connection's error (the server restarted) before Prisma's first query attaches its own
  // listener would otherwise end the process; the pool drops that connection and the next query reports.
  pool.on('error', () => undefined)
  const adapter = new PrismaPg(pool, {
    // The adapter types the generator as always naming; `pg` takes an undefined name as unnamed.
    statementNameGenerator: preparedStatementName as (query: { sql: string }) => string,
    disposeExternalPool: true,
  })
  const client = new PrismaClient({ adapter })
  registerDirectPool(client, pool)
  // Prisma ends the pool on `$disconnect()` only if it connected (its first query or `$connect()`,
  // which opens no connection itself): a client that ran nothing but direct statements would keep
  // its connections open. After it, Prisma connects again on a new pool; queryRows goes through it.
  const connect = client.$connect.bind(client)
  const disconnect = client.$disconnect.bind(client)
  client.$disconnect = async () => {
    if (!pool.ending) await connect()
    await disconnect()
  }
  return client
}
