/**
 * `db:restore --verify`: every table of the restored database counted and hashed the way the
 * backup did at its snapshot, and compared with the manifest. Empty result: identical.
 */
import pg from 'pg';
import type { BackupManifest } from './backup-manifest.js';
import { STABLE_SESSION_SQL } from './session-settings.js';
import { checksumTable, compareTables, listTables, type TableDifference } from './table-checksums.js';

export async function verifyRestore(url: string, manifest: BackupManifest): Promise<TableDifference[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'yixian-restore-verify' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(STABLE_SESSION_SQL);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const present = new Map((await listTables(client)).map((table) => [table.name, table]));
    const actual = [];
    // The manifest's columns, so that a column added by a newer migration is not a difference.
    for (const table of manifest.tables) if (present.has(table.name)) actual.push({ name: table.name, ...(await checksumTable(client, table)) });
    for (const table of present.values()) if (!manifest.tables.some((other) => other.name === table.name)) actual.push({ name: table.name, ...(await checksumTable(client, table)) });
    await client.query('COMMIT');
    return compareTables(manifest.tables, actual);
  } finally {
    await client.end().catch(() => undefined);
  }
}
