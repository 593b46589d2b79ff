import pg from 'pg'

/**
 * Our own advisory-lock key ("yixian migrate"), distinct from the one Prisma's engines use, so holding
 * it on a side connection can never deadlock with the engine's connection.
 */
const MIGRATE_LOCK_KEY = 7_946_130_001

/**
 * Serialises deploys against one database: the API and the worker may both migrate at start, and only
 * one of them must apply each migration. The lock is session-level and dies with the connection.
 */
export async function withMigrateLock<T>(url: URL, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url.href })
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY])
    return await work()
  } finally {
    await client.end().catch(() => {})
  }
}
