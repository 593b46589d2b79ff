/**
 * One restore: the archive's format read from its first bytes (pg_dump custom archives start with
 * "PGDMP", the built-in ones are gzip), a target that is new or empty (prepare-target.ts), then
 * pg_restore, or the project's migrations followed by the rows (load-copy-archive.ts). The app's
 * role gets its grants again; `verify` compares every table with the manifest.
 */
import { open } from 'node:fs/promises';
import { applyMigrations } from '@yixian/db/migrate';
import { grantAppRoleByUrl } from '@yixian/db/roles';
import { BackupError } from './backup-error.js';
import { BACKUP_FORMATS, readManifestFile, type BackupManifest } from './backup-manifest.js';
import { checkBackupMigrations, stageBackupMigrations } from './backup-migrations.js';
import { openCopyArchive } from './copy-archive.js';
import { describeMissingTool, findPgTool, findPgTools } from './find-pg-tools.js';
import { loadCopyArchive } from './load-copy-archive.js';
import { withDatabase } from './locate-database.js';
import { dropCreatedTarget, prepareTarget } from './prepare-target.js';
import { runPgTool } from './run-pg-tool.js';
import type { TableDifference } from './table-checksums.js';
import { verifyRestore } from './verify-restore.js';

export interface RestoreOptions {
  file: string;
  /** The server, as the owner of what is restored (a role with CREATEDB to create the database). */
  ownerUrl: string;
  database: string;
  /** The app's role (any database on the server): given its grants on the restored one. */
  appUrl?: string;
  /** Drop a non-empty target and restore in its place. */
  force?: boolean;
  verify?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface RestoreResult {
  url: string;
  manifest: BackupManifest | undefined;
  restoreMs: number;
  /** Set when verified: tables that differ from the manifest (empty: none). */
  differences?: TableDifference[];
  verifyMs?: number;
  grantedRole?: string;
  /** Migrations of this checkout newer than the backup (built-in format): `pnpm db:migrate` applies them. */
  newerMigrations: string[];
}

async function readFormat(file: string): Promise<'pg_dump' | 'copy'> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(error.code === 'ENOENT' ? `no backup file at ${file}` : `cannot read ${file}: ${error.message}`);
  });
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.toString() === 'PGDMP') return BACKUP_FORMATS.pgDump;
    if (head[0] === 0x1f && head[1] === 0x8b) return BACKUP_FORMATS.copy;
    throw new BackupError(`${file} is neither a pg_dump custom-format archive nor a built-in Yixian backup`);
  } finally {
    await handle.close();
  }
}

async function restorePgDump(options: RestoreOptions, url: string, manifest: BackupManifest | undefined): Promise<void> {
  const major = Number((manifest?.pgDumpVersion ?? '0').split('.')[0]);
  const pgRestore = await findPgTool('pg_restore', major, options.env);
  if (!pgRestore) throw new BackupError(describeMissingTool('pg_restore', major, await findPgTools('pg_restore', options.env)));
  // Objects become the restoring owner's; the app's grants are given afterwards, as after migrations.
  await runPgTool(pgRestore.path, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', options.file], url);
}

async function restoreCopy(options: RestoreOptions, url: string): Promise<{ manifest: BackupManifest; newer: string[] }> {
  const archive = await openCopyArchive(options.file);
  try {
    const { newer } = await checkBackupMigrations(archive.manifest);
    const staged = await stageBackupMigrations(archive.manifest);
    try {
      await applyMigrations(url, { migrationsDir: staged.dir });
    } finally {
      await staged.dispose();
    }
    await loadCopyArchive(url, archive, options.log);
    return { manifest: archive.manifest, newer };
  } finally {
    archive.close();
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const format = await readFormat(options.file);
  let manifest = await readManifestFile(options.file);
  if (format === BACKUP_FORMATS.pgDump && options.verify && !manifest) {
    throw new BackupError(`--verify needs the manifest ${options.file}.manifest.json written beside the archive by db:backup`);
  }
  const started = performance.now();
  const target = await prepareTarget(options.ownerUrl, options.database, options.force ?? false);
  let newerMigrations: string[] = [];
  try {
    if (format === BACKUP_FORMATS.pgDump) await restorePgDump(options, target.url, manifest);
    else ({ manifest, newer: newerMigrations } = await restoreCopy(options, target.url));
  } catch (error) {
    if (target.created) await dropCreatedTarget(options.ownerUrl, options.database).catch(() => undefined);
    throw error;
  }
  const grants = options.appUrl ? await grantAppRoleByUrl(target.url, withDatabase(options.appUrl, options.database)) : undefined;
  const restoreMs = Math.round(performance.now() - started);
  const result: RestoreResult = { url: target.url, manifest, restoreMs, newerMigrations, ...(grants ? { grantedRole: grants.role } : {}) };
  if (options.verify && manifest) {
    const verifyStarted = performance.now();
    result.differences = await verifyRestore(target.url, manifest);
    result.verifyMs = Math.round(performance.now() - verifyStarted);
  }
  return result;
}
