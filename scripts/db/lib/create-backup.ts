/**
 * One backup: the database's snapshot (read-snapshot.ts) written as a pg_dump custom-format
 * archive when a pg_dump new enough for the server is installed, else in the built-in COPY
 * format (copy-archive.ts), plus the manifest beside it. The file appears under its name only
 * once complete (written as `<file>.partial`, then renamed).
 */
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { BackupError } from './backup-error.js';
import { BACKUP_FORMATS, writeManifest, type BackupFormat, type BackupManifest } from './backup-manifest.js';
import { writeCopyArchive } from './copy-archive.js';
import { describeMissingTool, findPgTool, findPgTools } from './find-pg-tools.js';
import { describeSnapshot, openSnapshot, type Snapshot } from './read-snapshot.js';
import { runPgTool } from './run-pg-tool.js';

export interface CreateBackupOptions {
  /** The database, as its owner or a role that can read every table. */
  url: string;
  file: string;
  /** `auto` (default): pg_dump when one is new enough for the server, else the built-in format. */
  format?: BackupFormat | 'auto';
  env?: NodeJS.ProcessEnv;
  /** Called with the exported snapshot's id while it can still be imported (`SET TRANSACTION SNAPSHOT`). */
  onSnapshot?: (snapshotId: string) => Promise<void>;
  log?: (line: string) => void;
}

export interface BackupResult {
  file: string;
  manifestFile: string;
  manifest: BackupManifest;
}

async function chooseFormat(snapshot: Snapshot, options: CreateBackupOptions) {
  const wanted = options.format ?? 'auto';
  if (wanted === BACKUP_FORMATS.copy) return { format: BACKUP_FORMATS.copy } as const;
  const pgDump = await findPgTool('pg_dump', snapshot.serverMajor, options.env);
  if (pgDump) return { format: BACKUP_FORMATS.pgDump, pgDump } as const;
  const message = describeMissingTool('pg_dump', snapshot.serverMajor, await findPgTools('pg_dump', options.env));
  if (wanted === BACKUP_FORMATS.pgDump) throw new BackupError(message);
  options.log?.(`No pg_dump ${snapshot.serverMajor}+ here: using the built-in format (COPY of every table in one snapshot).`);
  return { format: BACKUP_FORMATS.copy } as const;
}

export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const partial = `${options.file}.partial`;
  const snapshot = await openSnapshot(options.url);
  try {
    const chosen = await chooseFormat(snapshot, options);
    await options.onSnapshot?.(snapshot.id);
    const header = {
      kind: 'yixian-backup', version: 1, format: chosen.format, createdAt: new Date().toISOString(), database: snapshot.database, serverVersion: snapshot.serverVersion,
      ...(chosen.format === BACKUP_FORMATS.pgDump ? { pgDumpVersion: chosen.pgDump.version } : {}),
    } as const;
    let manifest: BackupManifest;
    if (chosen.format === BACKUP_FORMATS.pgDump) {
      // Made 0600 before pg_dump writes into it: the archive holds citizens' data.
      await writeFile(partial, '', { mode: 0o600 });
      // pg_dump reads through its own connection in our exported snapshot while we count and hash.
      const dump = runPgTool(chosen.pgDump.path, ['--format=custom', `--snapshot=${snapshot.id}`, `--file=${partial}`], options.url);
      const described = await describeSnapshot(snapshot).catch(async (error: unknown) => {
        await dump.catch(() => undefined);
        throw error;
      });
      await dump;
      manifest = { ...header, ...described };
    } else {
      manifest = { ...header, ...(await describeSnapshot(snapshot)) };
      await writeCopyArchive(snapshot.client, manifest, partial);
    }
    await rename(partial, options.file);
    manifest.archiveBytes = (await stat(options.file)).size;
    manifest.backupMs = Math.round(performance.now() - started);
    const manifestFile = await writeManifest(options.file, manifest);
    return { file: options.file, manifestFile, manifest };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await snapshot.release();
  }
}
