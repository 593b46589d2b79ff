/**
 * An edit of an account (name, roles, scope, unit, home area, extension, phone) from the version
 * the editor started at: a stale version answers 409 with who changed which fields since
 * (config-changes/stale-edit.ts). The username never changes (history and sign-in rest on it).
 * A change of roles or scope takes effect at the account's next request: the change is announced,
 * and every API copy drops its copy of the account (auth/actor-cache.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { findManagedAccount, findManagerLimits, findTakenValues, refuseBeyondLimits, refuseIssues } from './account-access.js';
import { accountColumns, uniqueViolationToIssue } from './account-columns.js';
import { loadAccountReferences } from './account-references.js';
import { ACCOUNT_SELECT, auditView, presentAccount } from './account-view.js';
import { checkAccount, checkWithinLimits, type AccountInput } from './check-account.js';

export type AccountEdit = Omit<AccountInput, 'username'> & { version: number };

export async function updateAccount(app: FastifyInstance, request: FastifyRequest, id: string, edit: AccountEdit) {
  const limits = await findManagerLimits(app, request);
  const existing = await findManagedAccount(app, request, limits, id);
  const refs = await loadAccountReferences(app.prisma);
  const input: AccountInput = { ...edit, username: existing.username };
  await refuseBeyondLimits(app, request, id, checkWithinLimits(input, limits, refs));
  const { issues, phone } = checkAccount(input, refs, await findTakenValues(app, input, id));
  refuseIssues(issues);

  const now = app.clock.now();
  const user = await app.prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id }, select: ACCOUNT_SELECT });
    const { count } = await tx.user.updateMany({ where: { id, version: edit.version }, data: { ...accountColumns(input, phone), version: { increment: 1 } } });
    if (count === 0) {
      const current = await tx.user.findUnique({ where: { id }, select: ACCOUNT_SELECT });
      throw await staleEdit(tx, { resource: 'user', resourceId: id, sentVersion: edit.version, current: current ? auditView(current) : null });
    }
    const after = await tx.user.findUniqueOrThrow({ where: { id }, select: ACCOUNT_SELECT });
    await recordChange(tx, request, now, { act: 'update', resource: 'user', resourceId: id, version: after.version, before: auditView(before), after: auditView(after) });
    return after;
  }).catch(uniqueViolationToIssue);
  await app.configChanged(['accounts']);
  return presentAccount(user, refs, now);
}
