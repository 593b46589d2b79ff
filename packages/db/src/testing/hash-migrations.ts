import { createHash } from 'node:crypto'
import { readMigrationsList } from '../migrate/read-migrations'

/** A short digest of every migration's folder name and SQL: a new or edited migration changes it. */
export async function hashMigrations(migrationsDir: string): Promise<string> {
  const list = await readMigrationsList(migrationsDir)
  const hash = createHash('sha256')
  for (const directory of list.migrationDirectories) {
    const content = directory.migrationFile.content
    hash.update(`${directory.path}\0${content.tag === 'ok' ? content.value : `missing:${content.value}`}\0`)
  }
  return hash.digest('hex').slice(0, 16)
}
