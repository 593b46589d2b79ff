/**
 * Disable instead of delete: a disabled account keeps its row, so tickets, calls and the audit log
 * still show its name; it cannot sign in, and disabling ends every session it holds (its open
 * pages are told through the session-ended channel). Enabling lets it sign in again. Both are
 * versioned edits when the caller sends the version it saw.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { findManagedAccount, findManagerLimits } from './account-access.js';
import { loadAccountReferences } from './account-references.js';
import { ACCOUNT_SELECT, auditView, presentAccount } from './account-view.js';

export async function setAccountStatus(app: FastifyInstance, request: FastifyRequest, id: string, enable: boolean, sentVersion?: number) {
  const limits = await findManagerLimits(app, request);
  const existing = await findManagedAccount(app, request, limits, id);
  if (!enable && existing.id === request.actor?.id) throw new AppError('conflict', 'You cannot disable your own account', { field: 'id' });
  const status = enable ? 'active' : 'disabled';
  const now = app.clock.now();
  const user = await app.prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id }, select: ACCOUNT_SELECT });
    const version = sentVersion ?? before.version;
    const { count } = await tx.user.updateMany({ where: { id, version }, data: { status, version: { increment: 1 } } });
    if (count === 0) {
      const current = await tx.user.findUnique({ where: { id }, select: ACCOUNT_SELECT });
      throw await staleEdit(tx, { resource: 'user', resourceId: id, sentVersion: version, current: current ? auditView(current) : null });
    }
    const after = await tx.user.findUniqueOrThrow({ where: { id }, select: ACCOUNT_SELECT });
    await recordChange(tx, request, now, { act: enable ? 'enable' : 'disable', resource: 'user', resourceId: id, version: after.version, before: auditView(before), after: auditView(after) });
    return after;
  });
  const sessionsEnded = enable ? 0 : await app.sessions.destroyAllOfUser(id);
  await app.configChanged(['accounts']);
  return { account: presentAccount(user, await loadAccountReferences(app.prisma), now), sessionsEnded };
}
