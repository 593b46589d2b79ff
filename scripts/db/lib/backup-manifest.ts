/**
 * What a backup records beside its data, in `<archive>.manifest.json` (and, for the built-in
 * format, in the archive's header too): the migrations the database had, and for every table at
 * the backup's snapshot its columns, row count and checksum, so that a restore can be verified
 * (`pnpm db:restore --verify`) without the source.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { BackupError } from './backup-error.js';

export const BACKUP_FORMATS = { pgDump: 'pg_dump', copy: 'copy' } as const;
export type BackupFormat = (typeof BACKUP_FORMATS)[keyof typeof BACKUP_FORMATS];

export interface TableSnapshot {
  name: string;
  /** In the table's column order; generated columns are left out (the server computes them). */
  columns: string[];
  rows: number;
  /** md5 over the sorted md5 of every row's text (see table-checksums.ts). */
  checksum: string;
}

export interface BackupManifest {
  kind: 'yixian-backup';
  version: 1;
  format: BackupFormat;
  createdAt: string;
  /** The source database's name and server version (never its address or credentials). */
  database: string;
  serverVersion: string;
  /** pg_dump's version, for the pg_dump format: pg_restore must be at least as new. */
  pgDumpVersion?: string;
  /** `_prisma_migrations` at the snapshot: name and checksum of every applied migration, in order. */
  migrations: { name: string; checksum: string }[];
  tables: TableSnapshot[];
  /** Values read during the backup: never lower than any id in the snapshot's rows. */
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  /** Filled once the data is written. */
  archiveBytes?: number;
  backupMs?: number;
}

export const manifestPathOf = (archivePath: string): string => `${archivePath}.manifest.json`;

export async function writeManifest(archivePath: string, manifest: BackupManifest): Promise<string> {
  const path = manifestPathOf(archivePath);
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/** Checks the parts a restore relies on, so a foreign or truncated file is named, not half-used. */
export function parseManifest(text: string, where: string): BackupManifest {
  let value: Partial<BackupManifest>;
  try {
    value = JSON.parse(text) as Partial<BackupManifest>;
  } catch {
    throw new BackupError(`${where} is not a backup manifest (not JSON)`);
  }
  if (value?.kind !== 'yixian-backup' || value.version !== 1) throw new BackupError(`${where} is not a Yixian backup manifest (kind "yixian-backup", version 1)`);
  if (!Object.values(BACKUP_FORMATS).includes(value.format as BackupFormat)) throw new BackupError(`${where}: unknown format ${JSON.stringify(value.format)}`);
  if (!Array.isArray(value.tables) || !Array.isArray(value.migrations) || !Array.isArray(value.sequences)) throw new BackupError(`${where}: tables, migrations or sequences missing`);
  return value as BackupManifest;
}

/** The sidecar manifest, or undefined when there is none (a pg_dump archive copied alone). */
export async function readManifestFile(archivePath: string): Promise<BackupManifest | undefined> {
  const path = manifestPathOf(archivePath);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return text === undefined ? undefined : parseManifest(text, path);
}
