/**
 * Every table of the database and its fingerprint: row count and an md5 over the sorted md5 of
 * each row's text. Sorting the row hashes makes the fingerprint independent of the rows' physical
 * order (a restore writes them in another), and naming the columns makes it independent of their
 * order. Run on a session with STABLE_SESSION_SQL so that both sides print values alike.
 */
import type pg from 'pg';
import { quoteIdent } from './session-settings.js';

export interface TableColumns {
  name: string;
  columns: string[];
}

/** Base tables of schema public but Prisma's migration history (the restore rebuilds that). */
export async function listTables(client: pg.ClientBase): Promise<TableColumns[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE c.relkind = 'r' AND c.relname <> '_prisma_migrations'
     GROUP BY c.relname
     ORDER BY c.relname`);
  return rows;
}

export async function checksumTable(client: pg.ClientBase, table: TableColumns): Promise<{ rows: number; checksum: string }> {
  const row = `ROW(${table.columns.map(quoteIdent).join(', ')})::text`;
  const { rows } = await client.query<{ rows: string; checksum: string }>(
    `SELECT count(*)::text AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS checksum
       FROM (SELECT md5(${row}) AS h FROM ${quoteIdent(table.name)}) AS hashed`,
  );
  return { rows: Number(rows[0]!.rows), checksum: rows[0]!.checksum };
}

export interface TableDifference {
  table: string;
  expectedRows: number;
  actualRows: number | null;
  /** Same count, other content; or a table missing on one side. */
  reason: 'rows' | 'checksum' | 'missing' | 'extra';
}

/** Tables whose count or checksum differ between two fingerprints (empty: identical). */
export function compareTables(expected: { name: string; rows: number; checksum: string }[], actual: { name: string; rows: number; checksum: string }[]): TableDifference[] {
  const byName = new Map(actual.map((table) => [table.name, table]));
  const differences: TableDifference[] = [];
  for (const table of expected) {
    const other = byName.get(table.name);
    byName.delete(table.name);
    if (!other) differences.push({ table: table.name, expectedRows: table.rows, actualRows: null, reason: 'missing' });
    else if (other.rows !== table.rows) differences.push({ table: table.name, expectedRows: table.rows, actualRows: other.rows, reason: 'rows' });
    else if (other.checksum !== table.checksum) differences.push({ table: table.name, expectedRows: table.rows, actualRows: other.rows, reason: 'checksum' });
  }
  for (const other of byName.values()) differences.push({ table: other.name, expectedRows: 0, actualRows: other.rows, reason: 'extra' });
  return differences;
}

export function describeDifference(difference: TableDifference): string {
  switch (difference.reason) {
    case 'missing': return `${difference.table}: missing (${difference.expectedRows} rows expected)`;
    case 'extra': return `${difference.table}: not in the backup (${difference.actualRows} rows)`;
    case 'rows': return `${difference.table}: ${difference.actualRows} rows, ${difference.expectedRows} expected`;
    case 'checksum': return `${difference.table}: ${difference.actualRows} rows as expected, but other content (checksum differs)`;
  }
}
