/** An account input as the user table's columns, and the database's own uniqueness refusals in words. */
import type { AccountInput, AccountIssue } from './check-account.js';
import { AppError } from '../../lib/app-error.js';

export function accountColumns(input: AccountInput, phone: string | null) {
  return {
    displayName: input.displayName.trim(), roles: [...new Set(input.roles)], unitId: input.unitId, areaId: input.areaId,
    scopeAll: input.scopeAll, scopeAreaIds: [...new Set(input.scopeAreaIds)], scopeUnitIds: [...new Set(input.scopeUnitIds)],
    scopeCategoryIds: [...new Set(input.scopeCategoryIds)], extension: input.extension, phone,
  };
}

/**
 * Two requests that take the same username or extension at once pass the checks together; the
 * unique index refuses the second (Prisma P2002), which answers 400 like the check would.
 */
export function uniqueViolationToIssue(error: unknown): never {
  const candidate = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (candidate?.code === 'P2002') {
    const fields = JSON.stringify(candidate.meta ?? {});
    const issue: AccountIssue = fields.includes('extension')
      ? { field: 'extension', code: 'extension_taken', message: 'extension: taken by another account' }
      : { field: 'username', code: 'username_taken', message: 'username: taken by another account' };
    throw new AppError('validation_failed', issue.message, { field: issue.field, details: { issues: [issue] } });
  }
  throw error;
}
