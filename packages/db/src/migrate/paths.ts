import { fileURLToPath } from 'node:url'
import path from 'node:path'

/** The repository root, found from this file's place (packages/db/src/migrate) so CLIs work from any cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** The `prisma/` folder holding `schema.prisma` and `migrations/`. */
export const DEFAULT_PRISMA_DIR = path.join(REPO_ROOT, 'prisma')

/** Where a prisma folder keeps its schema and migrations, as Prisma lays them out. */
export function resolvePrismaPaths(prismaDir: string = DEFAULT_PRISMA_DIR): { schemaPath: string; migrationsDir: string } {
  return { schemaPath: path.join(prismaDir, 'schema.prisma'), migrationsDir: path.join(prismaDir, 'migrations') }
}
