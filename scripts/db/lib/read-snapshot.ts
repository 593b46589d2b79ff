/**
 * The backup's consistent view: one REPEATABLE READ READ ONLY transaction whose snapshot is
 * exported (`pg_export_snapshot()`), so that pg_dump (`--snapshot`), the built-in COPY and anyone
 * verifying the backup (the drill) all read the database as of the same instant while tickets
 * keep being written. The manifest's counts and checksums are read in it too.
 */
import pg from 'pg';
import type { BackupManifest } from './backup-manifest.js';
import { STABLE_SESSION_SQL, quoteIdent } from './session-settings.js';
import { checksumTable, listTables } from './table-checksums.js';

export interface Snapshot {
  client: pg.Client;
  /** For `SET TRANSACTION SNAPSHOT` / `pg_dump --snapshot`; valid until `release()`. */
  id: string;
  serverVersion: string;
  serverMajor: number;
  database: string;
  release(): Promise<void>;
}

export async function openSnapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url, application_name: 'yixian-backup' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(STABLE_SESSION_SQL);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string; version: string; num: string; database: string }>(
      `SELECT pg_export_snapshot() AS id, current_setting('server_version') AS version, current_setting('server_version_num') AS num, current_database() AS database`,
    );
    const row = rows[0]!;
    return {
      client, id: row.id, serverVersion: row.version, serverMajor: Math.floor(Number(row.num) / 10_000), database: row.database,
      async release() {
        await client.query('COMMIT').catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/** Migrations, tables with counts and checksums, and sequences, read inside the snapshot. */
export async function describeSnapshot(snapshot: Snapshot): Promise<Pick<BackupManifest, 'migrations' | 'tables' | 'sequences'>> {
  const { client } = snapshot;
  const hasHistory = (await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`)).rows[0]?.present === true;
  const migrations = hasHistory
    ? (await client.query<{ name: string; checksum: string }>(
      `SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    )).rows
    : [];
  const tables = [];
  for (const table of await listTables(client)) tables.push({ ...table, ...(await checksumTable(client, table)) });
  const sequenceNames = (await client.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`)).rows;
  const sequences = [];
  for (const { name } of sequenceNames) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quoteIdent(name)}`);
    sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  return { migrations, tables, sequences };
}
