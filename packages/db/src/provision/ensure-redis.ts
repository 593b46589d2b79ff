import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { DEFAULT_DATA_DIR } from './data-dir'
import type { ProvisionedService } from './ensure-postgres'
import { findFreePort } from './find-free-port'
import { requireRedisServer } from './find-redis-server'
import { readOrCreateSecret } from './secret-file'
import { registerService } from './shutdown-hooks'

const PREFERRED_PORT = 63790
const START_TIMEOUT_MS = 15_000
const STOP_TIMEOUT_MS = 10_000
const GROUP_GONE_MS = 5_000
/** `<dataDir>/secrets/redis.password`: the private Redis's `requirepass`, generated on first start. */
export const REDIS_PASSWORD_FILE = 'redis.password'

/** Kills what is left of a process group (a forked AOF rewrite) and waits, bounded, until it is gone. */
async function killGroup(pid: number | undefined): Promise<void> {
  if (pid === undefined) return
  const alive = () => {
    try { process.kill(-pid, 0); return true } catch { return false }
  }
  if (!alive()) return
  try { process.kill(-pid, 'SIGKILL') } catch { return }
  const deadline = Date.now() + GROUP_GONE_MS
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
}

export type EnsureRedisOptions = {
  /** Base data folder; Redis keeps its append-only file in `<dataDir>/redis`. Defaults to the repository's `.data`. */
  dataDir?: string
  /** Ignore REDIS_URL (tests). */
  ignoreEnv?: boolean
  /** Run `apt-get install redis-server` when missing and root (default true). */
  allowInstall?: boolean
  onLog?: (line: string) => void
}

/** Resolves true when Redis on 127.0.0.1:port accepts the password and answers PING with PONG. */
function ping(port: number, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    let reply = ''
    socket.setTimeout(1_000, () => socket.destroy())
    socket.on('connect', () => socket.write(`AUTH ${password}\r\nPING\r\n`))
    socket.on('data', (chunk) => {
      reply += chunk.toString()
      if (reply.split('\r\n').length > 2) socket.end()
    })
    socket.on('close', () => resolve(reply.startsWith('+OK\r\n+PONG')))
    socket.on('error', () => {})
  })
}

/** Waits for the "Ready to accept connections" line, then confirms with PING. */
function waitUntilReady(child: ChildProcess, port: number, password: string, log: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not become ready within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS)
    const fail = (error: Error) => {
      clearTimeout(timer)
      reject(new Error(`${error.message}\n${log.slice(-10).join('\n')}`))
    }
    const onExit = (code: number | null) => fail(new Error(`redis-server exited with code ${code} before it was ready`))
    child.once('exit', onExit)
    child.once('error', fail)
    const onOutput = (chunk: Buffer) => {
      if (!chunk.toString().includes('Ready to accept connections')) return
      child.stdout?.off('data', onOutput)
      ping(port, password).then((ok) => {
        clearTimeout(timer)
        child.off('exit', onExit)
        if (ok) resolve()
        else fail(new Error('redis-server did not answer PING'))
      })
    }
    child.stdout?.on('data', onOutput)
  })
}

/**
 * Redis for `pnpm start` and the test command: REDIS_URL when set; otherwise a private `redis-server`
 * on 127.0.0.1, port 63790 (or a free one), keeping an append-only file in `<dataDir>/redis`, with
 * `noeviction` as BullMQ requires, and a password (`requirepass`) generated on first start and kept
 * in `<dataDir>/secrets/redis.password` (0600): the URL returned carries it, and a client without it
 * (any other user of the host) is refused. Resolves once it answers PING. `stop()` shuts it down (Redis writes
 * its data on SIGTERM); SIGINT/SIGTERM of this process do too.
 */
export async function ensureRedis(options: EnsureRedisOptions = {}): Promise<ProvisionedService> {
  const envUrl = options.ignoreEnv ? undefined : process.env.REDIS_URL
  if (envUrl) return { url: envUrl, started: false, stop: async () => {} }

  const binary = requireRedisServer(options.allowInstall === undefined ? {} : { allowInstall: options.allowInstall })
  const redisDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR, 'redis')
  await mkdir(redisDir, { recursive: true })
  const port = await findFreePort(PREFERRED_PORT)
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR)
  const password = await readOrCreateSecret(dataDir, REDIS_PASSWORD_FILE)
  // `-` first: the rest of the configuration is read from stdin, so the password never shows in `ps`.
  const args = [
    '-', '--bind', '127.0.0.1', '--port', String(port), '--protected-mode', 'yes', '--daemonize', 'no',
    '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--dir', redisDir, '--logfile', '',
  ]
  // Its own process group: a background AOF rewrite is a forked child of redis-server, and stop()
  // must not return while that child still holds the data folder (or the port).
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  child.stdin.on('error', () => {})
  child.stdin.end(`requirepass ${password}\n`)
  const log: string[] = []
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      log.push(line)
      if (log.length > 50) log.shift()
      options.onLog?.(line)
    }
  }
  child.stdout.on('data', onOutput)
  child.stderr.on('data', onOutput)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    await waitUntilReady(child, port, password, log)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
        await exited
        clearTimeout(timer)
      }
      await killGroup(child.pid)
      unregister()
    })())
  const unregister = registerService({
    stop,
    killNow: () => {
      try { if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM') } catch { /* already gone */ }
    },
  })
  return { url: `redis://:${password}@127.0.0.1:${port}`, started: true, stop }
}
