/**
 * Who manages which accounts. Administrators manage all; a unit's liaison (dept_admin) only the
 * accounts of its own unit, giving only unit roles and scopes inside the unit. An account outside
 * the liaison's unit answers 404 (as if it did not exist) and a gift beyond its limits 403; both
 * are audited as refusals.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { ACCOUNT_SELECT, type AccountRow } from './account-view.js';
import type { AccountInput, AccountIssue, ManagerLimits, TakenValues } from './check-account.js';

/** The caller's limits; a liaison without a unit manages nothing. */
export async function findManagerLimits(app: FastifyInstance, request: FastifyRequest): Promise<ManagerLimits> {
  const actor = requireActor(request);
  if (actor.roles.includes(ROLES.admin)) return { kind: 'all' };
  const unit = actor.unitId ? await app.prisma.unit.findUnique({ where: { id: actor.unitId }, select: { id: true, areaId: true } }) : null;
  if (!actor.roles.includes(ROLES.dept_admin) || !unit) {
    await auditRefusal(app, request, null, 'no_unit');
    throw new AppError('forbidden', 'Only administrators and unit liaisons with a unit manage accounts');
  }
  return { kind: 'unit', unitId: unit.id, unitAreaId: unit.areaId };
}

async function auditRefusal(app: FastifyInstance, request: FastifyRequest, userId: string | null, reason: string, details?: Record<string, string | number | boolean | null>) {
  await app.audit(request, {
    action: AUDIT_ACTIONS.accessDenied, outcome: 'denied', resource: 'user', resourceId: userId ?? undefined, reason,
    ...(details ? { details } : {}),
  });
}

/** The account, when the caller manages it; otherwise 404 (audited when it exists outside the caller's unit). */
export async function findManagedAccount(app: FastifyInstance, request: FastifyRequest, limits: ManagerLimits, id: string): Promise<AccountRow> {
  const user = await app.prisma.user.findUnique({ where: { id }, select: ACCOUNT_SELECT });
  if (!user) throw new AppError('not_found', 'No such account', { field: 'id' });
  if (limits.kind === 'unit' && user.unitId !== limits.unitId) {
    await auditRefusal(app, request, user.id, 'outside_unit');
    throw new AppError('not_found', 'No such account', { field: 'id' });
  }
  return user;
}

/** 403 for what the caller may not give (audited), naming the first field. */
export async function refuseBeyondLimits(app: FastifyInstance, request: FastifyRequest, userId: string | null, issues: AccountIssue[]): Promise<void> {
  if (issues.length === 0) return;
  await auditRefusal(app, request, userId, issues[0]!.code, { fields: [...new Set(issues.map((i) => i.field))].join(',') });
  throw new AppError('forbidden', issues[0]!.message, { field: issues[0]!.field, details: { issues } });
}

/** 400 naming the first broken rule, every issue in `details.issues`. */
export function refuseIssues(issues: AccountIssue[]): void {
  if (issues.length === 0) return;
  throw new AppError('validation_failed', issues[0]!.message, { field: issues[0]!.field, details: { issues } });
}

/** Whether the input's username and extension are held by another account than `selfId`. */
export async function findTakenValues(app: FastifyInstance, input: Pick<AccountInput, 'username' | 'extension'>, selfId: string | null): Promise<TakenValues> {
  const [byName, byExtension] = await Promise.all([
    app.prisma.user.findUnique({ where: { username: input.username }, select: { id: true } }),
    input.extension ? app.prisma.user.findUnique({ where: { extension: input.extension }, select: { id: true, username: true } }) : null,
  ]);
  return {
    isUsernameTaken: () => !!byName && byName.id !== selfId,
    extensionHolder: () => (byExtension && byExtension.id !== selfId ? byExtension.username : undefined),
  };
}
