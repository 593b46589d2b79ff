/**
 * Loads a built-in archive's rows into a freshly migrated database, in one transaction: the
 * tables are emptied first (a migration may insert reference rows), foreign keys are dropped and
 * re-created after the load (which checks every row against them, in any table order), indexes
 * that back no constraint are built after the load (once, not row by row: pg_restore's order;
 * the trigram indexes of search cost most), and the tables' own triggers (append-only guards,
 * dirty marks) are off meanwhile, so the rows land as they were. Each table's row count must match the manifest; sequences get their values back.
 * All of it needs only the tables' owner, not a superuser.
 */
import pg from 'pg';
import { BackupError } from './backup-error.js';
import type { CopyArchiveReader } from './copy-archive.js';
import { STABLE_SESSION_SQL, quoteIdent } from './session-settings.js';

export async function loadCopyArchive(url: string, archive: CopyArchiveReader, log: (line: string) => void = () => undefined): Promise<number> {
  const { manifest } = archive;
  const client = new pg.Client({ connectionString: url, application_name: 'yixian-restore' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(STABLE_SESSION_SQL);
    await client.query('BEGIN');
    const foreignKeys = (await client.query<{ table: string; name: string; definition: string }>(`
      SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
        FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conrelid::regclass::text, conname`)).rows;
    for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${quoteIdent(key.name)}`);
    const indexes = (await client.query<{ name: string; definition: string }>(`
      SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE c.relnamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid)
       ORDER BY 1`)).rows;
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    const tables = manifest.tables.map((table) => quoteIdent(table.name));
    for (const table of tables) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    if (tables.length > 0) await client.query(`TRUNCATE ${tables.join(', ')}`);
    let rows = 0;
    for (const table of manifest.tables) {
      const copied = await archive.copyNextTable(client, table);
      if (copied !== table.rows) throw new BackupError(`${table.name}: the archive held ${copied} rows, the manifest says ${table.rows}: the file is damaged or not this backup's`);
      rows += copied;
      if (copied > 10_000) log(`  ${table.name}: ${copied} rows`);
    }
    for (const sequence of manifest.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteIdent(sequence.name), sequence.lastValue, sequence.isCalled]);
    }
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const index of indexes) await client.query(index.definition);
    for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
    for (const table of tables) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
