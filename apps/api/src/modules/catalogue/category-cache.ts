/**
 * The categories as intake, routing, the deadline planner and the detail view read them: every
 * row, with whether it is a leaf, held per process and dropped on the `categories` topic
 * (config-changes/config-cache.ts). A few hundred rows; read on every create and dispatch.
 */
import type { Category, Prisma } from '@yixian/db';
import { createConfigCache } from '../config-changes/config-cache.js';

export type CachedCategory = Category & { isLeaf: boolean };

type CategoryReader = Pick<Prisma.TransactionClient, 'category'>;

const categories = createConfigCache(['categories'], async (db: CategoryReader) => {
  const rows = await db.category.findMany({ include: { _count: { select: { children: true } } } });
  return new Map(rows.map(({ _count, ...row }): [string, CachedCategory] => [row.id, { ...row, isLeaf: _count.children === 0 }]));
});

/** The category by id (active or not), or null. */
export async function findCachedCategory(db: CategoryReader, id: string): Promise<CachedCategory | null> {
  return (await categories.get(db)).get(id) ?? null;
}
