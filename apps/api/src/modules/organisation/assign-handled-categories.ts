/**
 * The categories a unit handles are the categories whose default unit it is: routing reads
 * `Category.defaultUnitId` and nothing else. Editing a unit's list moves categories to it from
 * their previous unit (each moved category gets a new version and its own audit row, so a
 * category editor holding the old version gets a 409). Taking a category off a unit without
 * giving it to another would leave routing nowhere to send it, so it is refused: give it to the
 * new unit instead, which takes it from this one.
 */
import type { FastifyRequest } from 'fastify';
import type { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { recordChange } from '../config-changes/record-change.js';

export interface MovedCategory {
  id: string;
  fromUnitId: string | null;
}

export async function assignHandledCategories(
  tx: Prisma.TransactionClient,
  request: FastifyRequest,
  at: Date,
  change: { unitId: string; wanted: string[]; current: string[] },
): Promise<MovedCategory[]> {
  const removed = change.current.filter((id) => !change.wanted.includes(id));
  if (removed.length > 0) {
    const names = await tx.category.findMany({ where: { id: { in: removed } }, select: { name: true } });
    throw new AppError(
      'validation_failed',
      `Categories ${names.map((category) => category.name).join(', ')} would have no handling unit: add them to another unit instead`,
      { field: 'categoryIds', details: { reason: 'category_orphaned', categoryIds: removed } },
    );
  }
  const added = change.wanted.filter((id) => !change.current.includes(id));
  const moved: MovedCategory[] = [];
  for (const id of added) {
    const category = await tx.category.findUniqueOrThrow({ where: { id }, select: { defaultUnitId: true, version: true } });
    const updated = await tx.category.update({
      where: { id }, data: { defaultUnitId: change.unitId, version: { increment: 1 } }, select: { version: true },
    });
    await recordChange(tx, request, at, {
      act: 'update', resource: 'category', resourceId: id, version: updated.version,
      before: { defaultUnitId: category.defaultUnitId, version: category.version },
      after: { defaultUnitId: change.unitId, version: updated.version },
      summary: { via: 'unit', unitId: change.unitId },
    });
    moved.push({ id, fromUnitId: category.defaultUnitId });
  }
  return moved;
}
