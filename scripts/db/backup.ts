/**
 * `pnpm db:backup [--dir .data/backups | --file F] [--format auto|pg_dump|copy]`: a consistent
 * backup of the database (MIGRATE_DATABASE_URL / DATABASE_URL, else the start command's embedded
 * PostgreSQL) while it keeps running, plus `<file>.manifest.json` with every table's row count and
 * checksum at the backup's snapshot (what `pnpm db:restore --verify` compares). The format is
 * pg_dump's custom format when a pg_dump at least as new as the server is installed, else the
 * built-in one (COPY of every table in one snapshot; see README "Backup and restore").
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MigrateError, REPO_ROOT } from '../../packages/db/src/migrate/index';
import { BackupError } from './lib/backup-error.js';
import { BACKUP_FORMATS, type BackupFormat } from './lib/backup-manifest.js';
import { createBackup } from './lib/create-backup.js';
import { databaseNameOf, locateDatabase } from './lib/locate-database.js';

const FORMATS = ['auto', ...Object.values(BACKUP_FORMATS)];

const stamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, file: { type: 'string' }, format: { type: 'string', default: 'auto' } } });
  if (!FORMATS.includes(values.format)) throw new BackupError(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`);
  if (values.dir && values.file) throw new BackupError('pass --dir or --file, not both');
  const located = await locateDatabase({ allowNewCluster: false });
  try {
    const dir = resolve(values.dir ?? join(REPO_ROOT, '.data/backups'));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = values.file ? resolve(values.file) : join(dir, `yixian-${databaseNameOf(located.ownerUrl)}-${stamp(new Date())}.backup`);
    console.log(`Backing up ${located.where}…`);
    const { manifest, manifestFile } = await createBackup({
      url: located.ownerUrl, file, format: values.format as BackupFormat | 'auto', log: (line) => console.log(line),
    });
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    const tool = manifest.pgDumpVersion ? ` ${manifest.pgDumpVersion}` : '';
    console.log(`Backed up ${manifest.tables.length} tables, ${rows} rows (${manifest.format}${tool}, PostgreSQL ${manifest.serverVersion}) in ${((manifest.backupMs ?? 0) / 1000).toFixed(1)} s:`);
    console.log(`  ${file} (${((manifest.archiveBytes ?? 0) / 1048576).toFixed(1)} MiB)`);
    console.log(`  ${manifestFile} (row counts and checksums at the snapshot)`);
  } finally {
    await located.stop();
  }
}

main().catch((error: unknown) => {
  // parseArgs' own errors (an unknown option) name the option: one line too.
  const known = error instanceof BackupError || error instanceof MigrateError || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
  console.error(known ? `db:backup: ${(error as Error).message}` : error);
  process.exitCode = 1;
});
