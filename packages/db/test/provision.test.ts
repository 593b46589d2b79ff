import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { once } from 'node:events'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { ensurePostgres, ensureRedis, findRedisServer } from '../src/provision'
import { REPO_ROOT } from '../src/migrate'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'yixian-data-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const portOf = (url: string) => Number(new URL(url).port)

/** Sends inline commands as redis-cli would, with no password, and resolves with the first `count` reply lines. */
function sendRaw(port: number, commands: string[], count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    let text = ''
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no ${count} replies: ${text}`)))
    socket.on('connect', () => socket.write(commands.map((command) => `${command}\r\n`).join('')))
    socket.on('data', (chunk) => {
      text += chunk.toString()
      const lines = text.split('\r\n').filter(Boolean)
      if (lines.length >= count) {
        socket.end()
        resolve(lines.slice(0, count))
      }
    })
    socket.on('error', reject)
  })
}

describe.skipIf(!findRedisServer())('ensureRedis', { timeout: 30_000 }, () => {
  it('starts a private append-only redis on 127.0.0.1 and stops it', async () => {
    const dataDir = await tempDataDir()
    const redis = await ensureRedis({ dataDir, ignoreEnv: true, allowInstall: false })
    cleanups.push(redis.stop)
    expect(redis.started).toBe(true)
    expect(redis.url).toMatch(/^redis:\/\/:[\w-]{32}@127\.0\.0\.1:\d+$/)

    const client = new Redis(redis.url)
    expect(await client.ping()).toBe('PONG')
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes'])
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction'])
    expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1'])
    await client.set('kept', 'yes')
    client.disconnect()

    await redis.stop()
    expect(await isListening(portOf(redis.url))).toBe(false)
    expect(existsSync(path.join(dataDir, 'redis', 'appendonlydir'))).toBe(true)

    // The data survives a restart from the same folder.
    const again = await ensureRedis({ dataDir, ignoreEnv: true, allowInstall: false })
    cleanups.push(again.stop)
    const reader = new Redis(again.url)
    expect(await reader.get('kept')).toBe('yes')
    reader.disconnect()
  })

  it('has a generated password kept in <dataDir>/secrets (0600): a client without it is refused, and ps does not show it', async () => {
    const dataDir = await tempDataDir()
    const redis = await ensureRedis({ dataDir, ignoreEnv: true, allowInstall: false })
    cleanups.push(redis.stop)
    const password = new URL(redis.url).password
    const file = path.join(dataDir, 'secrets', 'redis.password')
    expect((await readFile(file, 'utf8')).trim()).toBe(password)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700)

    // Anyone else on the host, as with redis-cli: no session can be minted without the password.
    const replies = await sendRaw(portOf(redis.url), ['SET yx:session:forged auditor', 'AUTH wrong-password', 'KEYS *'], 3)
    expect(replies).toEqual([expect.stringMatching(/^-NOAUTH/), expect.stringMatching(/^-WRONGPASS/), expect.stringMatching(/^-NOAUTH/)])
    const owner = new Redis(redis.url)
    cleanups.push(async () => owner.disconnect())
    expect(await owner.exists('yx:session:forged')).toBe(0)

    // The password reaches redis-server on stdin, never on its command line.
    const commandLines = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map((pid) => {
      try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') } catch { return '' }
    })
    const ours = commandLines.filter((line) => line.includes('redis-server') && line.includes(`:${portOf(redis.url)}`))
    expect(ours.length).toBeGreaterThan(0)
    expect(ours.join('\n')).not.toContain(password)
  })

  it('uses REDIS_URL as given when it is set', async () => {
    const previous = process.env.REDIS_URL
    process.env.REDIS_URL = 'redis://example.invalid:6379'
    cleanups.push(async () => {
      if (previous === undefined) delete process.env.REDIS_URL
      else process.env.REDIS_URL = previous
    })
    await expect(ensureRedis()).resolves.toMatchObject({ url: 'redis://example.invalid:6379', started: false })
  })
})

describe('ensurePostgres', { timeout: 120_000 }, () => {
  it('initialises an embedded cluster once, creates the database, and reuses the data on the next start', async () => {
    const dataDir = await tempDataDir()
    const first = await ensurePostgres({ dataDir, ignoreEnv: true })
    cleanups.push(first.stop)
    expect(first).toMatchObject({ started: true, url: expect.stringMatching(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/yixian$/) })
    const client = new pg.Client({ connectionString: first.url })
    await client.connect()
    await client.query('CREATE TABLE kept (id INT)')
    await client.end()

    // Generated passwords, kept 0600 under <dataDir>/secrets; the app's role is no superuser and may create nothing.
    const ownerPassword = decodeURIComponent(new URL(first.url).password)
    expect(ownerPassword).not.toBe('yixian')
    for (const name of ['postgres-owner.password', 'postgres-app.password']) {
      expect((await stat(path.join(dataDir, 'secrets', name))).mode & 0o777, name).toBe(0o600)
    }
    expect(first.appUrl).toMatch(/^postgresql:\/\/yixian_app:[\w-]{32}@127\.0\.0\.1:\d+\/yixian$/)
    const app = new pg.Client({ connectionString: first.appUrl })
    await app.connect()
    const { rows: [self] } = await app.query(`SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`)
    expect(self).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false })
    await expect(app.query('SELECT * FROM kept')).rejects.toThrow(/permission denied/)
    await expect(app.query('CREATE TABLE mine (id INT)')).rejects.toThrow(/permission denied/)
    await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/)
    await app.end()
    const wrong = new URL(first.url)
    wrong.password = 'yixian'
    const guess = new pg.Client({ connectionString: wrong.href })
    await expect(guess.connect()).rejects.toThrow(/password authentication failed/)

    await first.stop()
    expect(await isListening(portOf(first.url))).toBe(false)

    const second = await ensurePostgres({ dataDir, ignoreEnv: true })
    cleanups.push(second.stop)
    const reader = new pg.Client({ connectionString: second.url })
    await reader.connect()
    const { rows } = await reader.query(`SELECT to_regclass('kept') IS NOT NULL AS kept`)
    await reader.end()
    expect(rows).toEqual([{ kept: true }])
    // The same roles and passwords; the port may differ (54329 when free, else any free one).
    const withoutPort = (url: string) => { const parsed = new URL(url); parsed.port = ''; return parsed.href }
    expect(withoutPort(second.url)).toBe(withoutPort(first.url))
    expect(withoutPort(second.appUrl)).toBe(withoutPort(first.appUrl))
  })

  it("gives a cluster made with the old fixed owner password a generated one at its next start", async () => {
    const dataDir = await tempDataDir()
    const first = await ensurePostgres({ dataDir, ignoreEnv: true })
    cleanups.push(first.stop)
    // As a cluster from before generated passwords: owner password "yixian", no secret file.
    const client = new pg.Client({ connectionString: first.url })
    await client.connect()
    await client.query(`ALTER ROLE postgres PASSWORD 'yixian'`)
    await client.end()
    await unlink(path.join(dataDir, 'secrets', 'postgres-owner.password'))
    await first.stop()

    const second = await ensurePostgres({ dataDir, ignoreEnv: true })
    cleanups.push(second.stop)
    const password = decodeURIComponent(new URL(second.url).password)
    expect(password).not.toBe('yixian')
    expect((await readFile(path.join(dataDir, 'secrets', 'postgres-owner.password'), 'utf8')).trim()).toBe(password)
    const legacy = new URL(second.url)
    legacy.password = 'yixian'
    await expect(new pg.Client({ connectionString: legacy.href }).connect()).rejects.toThrow(/password authentication failed/)
  })

  it('uses DATABASE_URL as given when it is set', async () => {
    const previous = process.env.DATABASE_URL
    process.env.DATABASE_URL = 'postgresql://u@example.invalid:5432/x'
    cleanups.push(async () => {
      if (previous === undefined) delete process.env.DATABASE_URL
      else process.env.DATABASE_URL = previous
    })
    await expect(ensurePostgres()).resolves.toMatchObject({ url: 'postgresql://u@example.invalid:5432/x', appUrl: 'postgresql://u@example.invalid:5432/x', started: false })
    process.env.MIGRATE_DATABASE_URL = 'postgresql://owner@example.invalid:5432/x'
    cleanups.push(async () => delete process.env.MIGRATE_DATABASE_URL)
    await expect(ensurePostgres()).resolves.toMatchObject({ url: 'postgresql://owner@example.invalid:5432/x', appUrl: 'postgresql://u@example.invalid:5432/x' })
  })
})

/** Resolves with `NAME=value` pairs once every name has been printed on the stream. */
function readAssignments(stream: NodeJS.ReadableStream, names: string[]): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let text = ''
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const found = Object.fromEntries(text.split('\n').map((line) => line.split(/=(.*)/s)).filter((pair) => pair.length > 1).map(([k, v]) => [k, v]))
      if (names.every((name) => found[name])) resolve(found as Record<string, string>)
    })
    stream.on('end', () => reject(new Error(`stream ended before ${names.join(', ')} were printed: ${text}`)))
  })
}

describe.skipIf(!findRedisServer())('scripts/provision.ts', { timeout: 120_000 }, () => {
  it('prints the URLs, serves them, and stops both servers on SIGTERM', async () => {
    const dataDir = await tempDataDir()
    const env = { ...process.env }
    delete env.DATABASE_URL
    delete env.REDIS_URL
    // Run node with tsx's loader directly (no tsx CLI in between), so the signal reaches the script itself.
    const loader = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href
    const script = path.join(REPO_ROOT, 'scripts/provision.ts')
    const child = spawn(process.execPath, ['--import', loader, script, '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'inherit'] })
    const exited = once(child, 'exit')
    cleanups.push(async () => child.exitCode === null && child.kill('SIGKILL'))
    const { DATABASE_URL: databaseUrl = '', MIGRATE_DATABASE_URL: ownerUrl = '', REDIS_URL: redisUrl = '' } = await readAssignments(child.stdout, ['DATABASE_URL', 'MIGRATE_DATABASE_URL', 'REDIS_URL'])
    expect(new URL(databaseUrl).username).toBe('yixian_app')
    expect(new URL(ownerUrl).username).toBe('postgres')
    expect(new URL(redisUrl).password).not.toBe('')
    expect(await isListening(portOf(databaseUrl))).toBe(true)
    expect(await isListening(portOf(redisUrl))).toBe(true)

    child.kill('SIGTERM')
    const [code] = await exited
    expect(code).toBe(143)
    expect(await isListening(portOf(databaseUrl))).toBe(false)
    expect(await isListening(portOf(redisUrl))).toBe(false)
  })
})
