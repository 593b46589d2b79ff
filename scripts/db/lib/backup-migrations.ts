/**
 * The schema under a built-in backup's rows comes from the project's own migrations: exactly the
 * ones the source had, no more (a newer checkout's migrations run afterwards with `db:migrate`,
 * over the restored rows, as any upgrade does). Each must exist in this checkout with the same
 * checksum (sha256 of migration.sql, as Prisma records it), or the rows would not fit.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePrismaPaths } from '@yixian/db/migrate';
import { BackupError } from './backup-error.js';
import type { BackupManifest } from './backup-manifest.js';

const LOCK_FILE = 'migration_lock.toml';

/** Checks the backup's migrations against this checkout; returns the checkout's newer ones. */
export async function checkBackupMigrations(manifest: BackupManifest, migrationsDir = resolvePrismaPaths().migrationsDir): Promise<{ newer: string[] }> {
  const local = (await readdir(migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  for (const migration of manifest.migrations) {
    const script = join(migrationsDir, migration.name, 'migration.sql');
    if (!existsSync(script)) {
      throw new BackupError(`the backup's database had the migration ${migration.name}, which this checkout does not have: restore with the version of Yixian that made the backup (or a newer one)`);
    }
    const checksum = createHash('sha256').update(await readFile(script)).digest('hex');
    if (checksum !== migration.checksum) throw new BackupError(`the migration ${migration.name} of this checkout differs from the one the backup's database had (checksum): restore with the version that made the backup`);
  }
  const known = new Set(manifest.migrations.map((migration) => migration.name));
  return { newer: local.filter((name) => !known.has(name)) };
}

/** A temporary migrations folder holding only the backup's migrations (copies: the reader takes folders, not links). */
export async function stageBackupMigrations(manifest: BackupManifest, migrationsDir = resolvePrismaPaths().migrationsDir): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'yixian-restore-migrations-'));
  if (existsSync(join(migrationsDir, LOCK_FILE))) await copyFile(join(migrationsDir, LOCK_FILE), join(dir, LOCK_FILE));
  for (const migration of manifest.migrations) await cp(join(migrationsDir, migration.name), join(dir, migration.name), { recursive: true });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
