/**
 * `npm run accounts:initial-passwords -- --out FILE.xlsx [--only-shared]`: gives every account
 * without a password of its own (one hash shared with other accounts, as a bulk seed leaves them,
 * or — without --only-shared — never set for it) a one-time initial password it must change at its
 * first sign-in, ends the accounts' sessions, and writes the passwords to FILE.xlsx (0600) for the
 * administrator to hand out. The passwords are printed nowhere. Needs DATABASE_URL and REDIS_URL
 * (the sessions live there; REDIS_PREFIX if the API uses one, REDIS_SENTINELS … if it uses Sentinel).
 *
 *   DATABASE_URL=… REDIS_URL=… npm run accounts:initial-passwords -- --out initial-passwords.xlsx
 */
import { parseArgs } from 'node:util'
import { createRedis, readRedisSentinel, type RedisConfig } from '@yixian/runtime'
import { createPrismaClient } from '../../packages/db/src/index'
import { createSessionStore } from '../../apps/api/src/modules/auth/session-store'
import { publishConfigChange } from '../../apps/api/src/modules/config-changes/config-bus'
import { issueInitialPasswords, type IssueInitialPasswordsResult } from '../../apps/api/src/modules/users/issue-initial-passwords'

export interface RunOptions {
  databaseUrl: string
  redis: RedisConfig
  redisPrefix: string
  out: string
  onlyShared: boolean
}

export async function run(options: RunOptions): Promise<IssueInitialPasswordsResult> {
  const prisma = createPrismaClient(options.databaseUrl)
  const redis = createRedis(options.redis, { name: 'accounts-initial-passwords' })
  try {
    const sessions = createSessionStore({ redis, prefix: options.redisPrefix, idleMs: 60_000 })
    const result = await issueInitialPasswords({
      prisma,
      out: options.out,
      onlyShared: options.onlyShared,
      endSessions: (userId) => sessions.destroyAllOfUser(userId),
    })
    // The API copies drop their copies of the accounts (a one-time password must be changed first).
    await publishConfigChange(redis, options.redisPrefix, ['accounts'])
    return result
  } finally {
    redis.disconnect()
    await prisma.$disconnect()
  }
}

function readOptions(): RunOptions {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'only-shared': { type: 'boolean', default: false } } })
  if (!values.out || !/\.xlsx$/i.test(values.out)) throw new Error('--out FILE.xlsx is required (the sheet of one-time passwords)')
  const databaseUrl = process.env.DATABASE_URL
  const redisUrl = process.env.REDIS_URL
  if (!databaseUrl) throw new Error('set DATABASE_URL to the database whose accounts get initial passwords')
  if (!redisUrl) throw new Error('set REDIS_URL to the API\'s Redis (the accounts\' sessions are ended there)')
  return { databaseUrl, redis: { url: redisUrl, sentinel: readRedisSentinel(process.env) }, redisPrefix: process.env.REDIS_PREFIX || 'yx:', out: values.out, onlyShared: values['only-shared'] ?? false }
}

const isMain = import.meta.url === `file://${process.argv[1]}`
if (isMain) {
  try {
    const options = readOptions()
    const { count, sessionsEnded } = await run(options)
    console.log(count === 0
      ? 'accounts:initial-passwords: no account lacks a password of its own; nothing written'
      : `accounts:initial-passwords: ${count} accounts have a one-time password (to be changed at first sign-in), ${sessionsEnded} sessions ended; the passwords are in ${options.out} (readable by you only): hand them out, then delete the file`)
  } catch (error) {
    console.error(`accounts:initial-passwords: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
