/**
 * `pnpm db:migrate:dev --name <name>`: writes a new prisma/migrations/<timestamp>_<name>/migration.sql
 * for the changes in prisma/schema.prisma (like `prisma migrate dev --create-only`, but offline: the
 * migrations are replayed into an in-process PGlite shadow database). When DATABASE_URL is set, pending
 * migrations are applied to it first; the new one is not applied: review it, then run `pnpm db:migrate`.
 */
import { parseArgs } from 'node:util'
import path from 'node:path'
import { createMigration, MigrateError, REPO_ROOT } from '../../packages/db/src/migrate/index'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string', short: 'n' }, 'prisma-dir': { type: 'string' } },
    allowPositionals: false,
  })
  if (!values.name) throw new MigrateError('invalid_input', 'Missing --name: pnpm db:migrate:dev --name add_ticket_tags')
  const result = await createMigration({
    name: values.name,
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    ...(values['prisma-dir'] ? { prismaDir: path.resolve(values['prisma-dir']) } : {}),
  })
  for (const name of result.appliedMigrationNames) console.log(`Applied pending migration ${name}`)
  if (!result.created) {
    console.log('No changes: prisma/schema.prisma matches the migrations. Nothing written.')
    return
  }
  console.log(`Created ${path.relative(REPO_ROOT, result.migrationPath)}/migration.sql`)
  console.log('Review it, then apply with: pnpm db:migrate')
}

main().catch((error: unknown) => {
  const message = error instanceof MigrateError ? error.message : error instanceof Error ? error.message : String(error)
  console.error(`db:migrate:dev: ${message}`)
  process.exitCode = 1
})
