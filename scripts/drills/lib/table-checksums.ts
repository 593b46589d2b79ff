/** A fingerprint of every table (row count and a hash of all rows), to prove nothing was written. */
import type { PrismaClient } from '@yixian/db';

export type TableChecksums = Map<string, { rows: number; hash: string }>;

export async function takeTableChecksums(prisma: PrismaClient, except: string[] = []): Promise<TableChecksums> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const sums: TableChecksums = new Map();
  for (const { tablename } of tables) {
    if (except.includes(tablename)) continue;
    const quoted = `"${tablename.replaceAll('"', '""')}"`;
    const [row] = await prisma.$queryRawUnsafe<{ rows: number; hash: string }[]>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS hash FROM ${quoted} t`,
    );
    sums.set(tablename, row ?? { rows: 0, hash: '' });
  }
  return sums;
}

/** Tables whose rows changed, with the change in row count. */
export function diffTableChecksums(before: TableChecksums, after: TableChecksums): { table: string; rowsAdded: number }[] {
  const changed: { table: string; rowsAdded: number }[] = [];
  for (const [table, sum] of after) {
    const old = before.get(table);
    if (!old || old.hash !== sum.hash) changed.push({ table, rowsAdded: sum.rows - (old?.rows ?? 0) });
  }
  return changed;
}
