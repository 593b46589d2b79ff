/**
 * `pnpm db:rebuild-rollups`: recomputes every statistics rollup of DATABASE_URL from the raw records
 * — call and ticket rollups over the whole span of calls and trail, and every ticket's indicator
 * facts with the indicator rollup. Run it after a bulk import, or after the work calendar or a
 * category's time limits changed (facts carry the deadlines computed with them). Safe while the
 * system runs: refreshes are serialised and a day is always recounted whole.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/yixian pnpm db:rebuild-rollups
 */
import { createPrismaClient } from '../../packages/db/src/index'
import { rebuildRollups } from '../../apps/api/src/modules/statistics/refresh-rollups'

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('set DATABASE_URL to the database to rebuild')
  const prisma = createPrismaClient(url)
  try {
    const [span] = await prisma.$queryRaw<{ first: Date | null; last: Date | null }[]>`
      SELECT least((SELECT min("enteredAt") FROM "call"), (SELECT min("at") FROM "ticket_event")) AS first,
             greatest((SELECT max("enteredAt") FROM "call"), (SELECT max("at") FROM "ticket_event")) AS last`
    const started = performance.now()
    const from = span?.first ?? new Date()
    const to = new Date((span?.last ?? from).getTime() + 24 * 3600_000)
    await rebuildRollups(prisma, { from, to, indicators: true })
    console.log(`Rollups rebuilt for ${from.toISOString()} – ${to.toISOString()} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await prisma.$disconnect()
  }
}

main().catch((error: unknown) => {
  console.error(`db:rebuild-rollups: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
