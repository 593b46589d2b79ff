import pg from 'pg'
import { MigrateError, MigrateErrorCode } from './migrate-error'

const CONNECT_TIMEOUT_MS = 5_000

/** `host:port/database` of a URL, for messages: never the password. */
export function describeDatabaseUrl(url: URL): string {
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`
}

/** Checks that `value` is a PostgreSQL URL with a database name, saying what is wrong if not. */
export function parseDatabaseUrl(value: unknown): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MigrateError(MigrateErrorCode.invalidUrl, 'Database URL is missing: set DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/yixian')
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new MigrateError(MigrateErrorCode.invalidUrl, 'Database URL is not a valid URL (expected postgresql://user@host:port/database)')
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new MigrateError(MigrateErrorCode.invalidUrl, `Database URL must start with postgresql:// (got ${url.protocol}//)`)
  }
  if (url.pathname.length <= 1) {
    throw new MigrateError(MigrateErrorCode.invalidUrl, `Database URL names no database (${url.hostname}): add /<database> after the host`)
  }
  return url
}

function toUnreachableError(url: URL, error: unknown): MigrateError {
  const code = (error as { code?: string }).code
  const where = describeDatabaseUrl(url)
  const reason =
    code === 'ECONNREFUSED' ? 'connection refused (is PostgreSQL running?)'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host not found'
    : code === '28P01' || code === '28000' ? 'login refused'
    : error instanceof Error ? error.message
    : String(error)
  return new MigrateError(MigrateErrorCode.unreachable, `Cannot connect to PostgreSQL at ${where}: ${reason}`, { cause: error })
}

async function connectClient(url: URL): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url.href, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  client.on('error', () => {})
  try {
    await client.connect()
    return client
  } catch (error) {
    await client.end().catch(() => {})
    throw error
  }
}

/**
 * Fails fast with a clear message when the server cannot be reached, and creates the database when it
 * does not exist yet (as `prisma migrate deploy` does), so a fresh server needs no manual step.
 */
export async function ensureDatabaseExists(value: string): Promise<URL> {
  const url = parseDatabaseUrl(value)
  try {
    const client = await connectClient(url)
    await client.end()
    return url
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw toUnreachableError(url, error)
  }
  const maintenance = new URL(url.href)
  maintenance.pathname = '/postgres'
  const databaseName = decodeURIComponent(url.pathname.slice(1))
  let client: pg.Client
  try {
    client = await connectClient(maintenance)
  } catch (error) {
    throw toUnreachableError(maintenance, error)
  }
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(databaseName)}`)
  } catch (error) {
    // Another process may have created it between our two connections.
    if ((error as { code?: string }).code !== '42P04') throw toUnreachableError(url, error)
  } finally {
    await client.end()
  }
  return url
}
