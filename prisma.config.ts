/**
 * Prisma 7 configuration for the Yixian workspace.
 *
 * A plain object rather than `defineConfig(...)`: `prisma` is a dependency of `@yixian/db` only, so the
 * workspace root cannot import `prisma/config` under pnpm's strict `node_modules`; the CLI accepts the
 * same shape either way. The datasource URL is set only when `DATABASE_URL` is, because Prisma 7 throws on
 * a missing `env()` and `prisma generate` must run without a database. Migrations are applied by
 * `pnpm db:migrate` (WASM schema engine, see packages/db/README.md), not by the Prisma CLI, which needs a
 * native engine download that is unreachable offline.
 */
const databaseUrl = process.env.DATABASE_URL

export default {
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(databaseUrl ? { datasource: { url: databaseUrl } } : {}),
}
