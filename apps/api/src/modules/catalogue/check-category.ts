/**
 * The checks a category edit must pass beyond its schema, each naming the field it refuses:
 * limits in range for their unit, extra fields with unique keys and options exactly for `select`,
 * a parent that exists and is no descendant of the category, a default unit that exists.
 */
import type { Prisma } from '@yixian/db';
import { checkWorkingTimeLimit, type WorkingTimeLimit } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { RequiredFieldInput } from './category-admin.schemas.js';

export function checkLimit(limit: WorkingTimeLimit | null | undefined, field: string): void {
  if (!limit) return;
  const problem = checkWorkingTimeLimit(limit);
  if (problem) throw new AppError('validation_failed', `${field} ${problem}`, { field });
}

export function checkRequiredFields(fields: readonly RequiredFieldInput[] | undefined): void {
  if (!fields) return;
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const at = `requiredFields[${index}]`;
    if (seen.has(field.key)) throw new AppError('validation_failed', `${at}.key "${field.key}" is used twice`, { field: `${at}.key` });
    seen.add(field.key);
    if (field.type === 'select' && !field.options?.length) {
      throw new AppError('validation_failed', `${at}.options: a select field needs at least one option`, { field: `${at}.options` });
    }
    if (field.type !== 'select' && field.options) {
      throw new AppError('validation_failed', `${at}.options: only a select field has options`, { field: `${at}.options` });
    }
    if (field.options && new Set(field.options).size !== field.options.length) {
      throw new AppError('validation_failed', `${at}.options has the same option twice`, { field: `${at}.options` });
    }
  });
}

/** The parent must exist and must not be the category itself or one of its descendants. */
export async function checkParent(tx: Prisma.TransactionClient, categoryId: string | null, parentId: string | null | undefined): Promise<void> {
  if (!parentId) return;
  const rows = await tx.category.findMany({ select: { id: true, parentId: true } });
  const parentOf = new Map(rows.map((row) => [row.id, row.parentId]));
  if (!parentOf.has(parentId)) throw new AppError('validation_failed', `parentId: no category ${parentId}`, { field: 'parentId' });
  for (let at: string | null | undefined = parentId; at; at = parentOf.get(at)) {
    if (at === categoryId) throw new AppError('validation_failed', 'parentId: a category cannot sit under itself or one of its own sub-categories', { field: 'parentId' });
  }
}

export async function checkDefaultUnit(tx: Prisma.TransactionClient, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { active: true } });
  if (!unit?.active) throw new AppError('validation_failed', `defaultUnitId: no active unit ${unitId}`, { field: 'defaultUnitId' });
}
