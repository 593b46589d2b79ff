import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import path from 'node:path'

/** The first executable `redis-server` on PATH (plus /usr/sbin, /usr/bin), or undefined. */
export function findRedisServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin']
  for (const dir of dirs) {
    if (!dir) continue
    const candidate = path.join(dir, 'redis-server')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

const INSTALL_HINT =
  'redis-server was not found. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server), ' +
  'or point REDIS_URL at a running Redis, e.g. REDIS_URL=redis://127.0.0.1:6379'

/**
 * Finds Debian's `redis-server`, installing the package with apt-get when it is missing and we run as
 * root (no npm package ships a Redis binary). Otherwise throws with the exact command to run.
 */
export function requireRedisServer(options: { allowInstall?: boolean } = {}): string {
  const found = findRedisServer()
  if (found) return found
  const canInstall = (options.allowInstall ?? true) && process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0
  if (!canInstall) throw new Error(INSTALL_HINT)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env, stdio: 'inherit' })
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { env, stdio: 'inherit' })
    result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env, stdio: 'inherit' })
  }
  const installed = findRedisServer()
  if (result.status !== 0 || !installed) throw new Error(`apt-get could not install redis-server. ${INSTALL_HINT}`)
  return installed
}
