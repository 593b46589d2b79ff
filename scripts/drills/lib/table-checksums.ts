/**
 * A fingerprint of every table (row count and a hash of all rows), to prove nothing was written
 * (bad-input) or that a restored database equals its source (backup-restore). Written apart from
 * the backup's own checksums (scripts/db/lib/table-checksums.ts): the drill checks the backup with
 * code that is not the backup's.
 */
import type { PrismaClient } from '@yixian/db';

export type TableChecksums = Map<string, { rows: number; hash: string }>;
/** Runs one SQL statement and returns its rows (a Prisma client, or a pg client in a snapshot). */
export type RunQuery = <T>(sql: string) => Promise<T[]>;

export async function takeTableChecksumsWith(query: RunQuery, except: string[] = []): Promise<TableChecksums> {
  const tables = await query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const sums: TableChecksums = new Map();
  for (const { tablename } of tables) {
    if (except.includes(tablename)) continue;
    const quoted = `"${tablename.replaceAll('"', '""')}"`;
    const [row] = await query<{ rows: number; hash: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS hash FROM ${quoted} t`,
    );
    sums.set(tablename, row ?? { rows: 0, hash: '' });
  }
  return sums;
}

export async function takeTableChecksums(prisma: PrismaClient, except: string[] = []): Promise<TableChecksums> {
  return takeTableChecksumsWith((sql) => prisma.$queryRawUnsafe(sql), except);
}

/** Tables whose rows changed, with the change in row count. */
export function diffTableChecksums(before: TableChecksums, after: TableChecksums): { table: string; rowsAdded: number }[] {
  const changed: { table: string; rowsAdded: number }[] = [];
  for (const [table, sum] of after) {
    const old = before.get(table);
    if (!old || old.hash !== sum.hash) changed.push({ table, rowsAdded: sum.rows - (old?.rows ?? 0) });
  }
  for (const [table, old] of before) if (!after.has(table)) changed.push({ table, rowsAdded: -old.rows });
  return changed;
}
