/**
 * Brings up PostgreSQL and Redis for a machine that has neither (or uses DATABASE_URL / REDIS_URL when
 * set), prints `DATABASE_URL=…` (the app's role), `MIGRATE_DATABASE_URL=…` (the owner, for `pnpm db:migrate`)
 * and `REDIS_URL=…` (with its password), and keeps them running until SIGINT/SIGTERM.
 *
 *   pnpm exec tsx scripts/provision.ts [--data-dir .data]
 *
 * Messages go to stderr so stdout carries only the assignments (a start script can read them);
 * YIXIAN_PROVISION_VERBOSE=1 also copies the servers' own logs to stderr.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ensurePostgres, ensureRedis } from '../packages/db/src/provision/index'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } })
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : undefined
  const onLog = process.env.YIXIAN_PROVISION_VERBOSE ? (line: string) => console.error(line.trimEnd()) : undefined
  const options = { ...(dataDir ? { dataDir } : {}), ...(onLog ? { onLog } : {}) }
  const postgres = await ensurePostgres(options)
  const redis = await ensureRedis(options).catch(async (error: unknown) => {
    await postgres.stop()
    throw error
  })
  console.log(`DATABASE_URL=${postgres.appUrl}`)
  console.log(`MIGRATE_DATABASE_URL=${postgres.url}`)
  console.log(`REDIS_URL=${redis.url}`)
  console.error(
    `provision: PostgreSQL ${postgres.started ? 'started' : 'already available'}, Redis ${redis.started ? 'started' : 'already available'}; Ctrl-C to stop.`,
  )
  // Keep the process (and the servers tied to it) alive until a signal arrives; the shutdown hooks stop them.
  setInterval(() => {}, 1 << 30)
}

main().catch((error: unknown) => {
  console.error(`provision: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
