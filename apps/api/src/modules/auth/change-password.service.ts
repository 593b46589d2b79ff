/**
 * A user changes their own password: the current one first (five wrong in a row lock the account
 * and end its sessions, as five failed sign-ins do), then the policy (length, common passwords,
 * the username, the last five). On success every other session of the user ends; this one stays.
 * Every attempt is audited, never with a password in it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPasswordProblem, hashPassword, verifyPassword } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { requireActor } from '../../plugins/security.js';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from './login.service.js';
import { isPasswordReused, replacePassword } from './password-history.js';

export interface ChangePassword {
  currentPassword: string;
  newPassword: string;
}

function rejected(reason: string, message: string): AppError {
  return new AppError('password_rejected', message, { field: 'newPassword', details: { reason } });
}

export async function changeOwnPassword(app: FastifyInstance, request: FastifyRequest, change: ChangePassword): Promise<void> {
  const actor = requireActor(request);
  const now = app.clock.now();
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  const deny = (reason: string) => app.audit(request, { action: AUDIT_ACTIONS.passwordChange, outcome: 'denied', resource: 'user', resourceId: user.id, reason });

  if (!(await verifyPassword(user.passwordHash, change.currentPassword))) {
    const failures = user.failedLogins + 1;
    if (failures >= MAX_FAILED_LOGINS) {
      const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
      await app.prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil } });
      await app.sessions.destroyAllOfUser(user.id);
      await deny('current_password_wrong');
      await app.audit(request, { action: AUDIT_ACTIONS.lockout, outcome: 'denied', reason: `${MAX_FAILED_LOGINS} wrong current passwords` });
      throw new AppError('account_locked', 'Too many wrong passwords; the account is locked for now', { details: { lockedUntil: lockedUntil.toISOString() } });
    }
    await app.prisma.user.update({ where: { id: user.id }, data: { failedLogins: failures } });
    await deny('current_password_wrong');
    throw new AppError('current_password_wrong', 'The current password is wrong', { field: 'currentPassword' });
  }

  const problem = findPasswordProblem(change.newPassword, { username: user.username });
  if (problem) {
    await deny(problem);
    throw rejected(problem, `The new password is refused: ${problem.replace(/_/g, ' ')}`);
  }
  if (await isPasswordReused(user, change.newPassword)) {
    await deny('reused');
    throw rejected('reused', 'The new password repeats one of the last five');
  }

  await app.prisma.user.update({
    where: { id: user.id },
    data: replacePassword(user, await hashPassword(change.newPassword), { now, oneTime: false }),
  });
  // The account no longer owes a password change: every API copy drops its copy (actor-cache.ts).
  await app.configChanged(['accounts']);
  const ended = await app.sessions.destroyAllOfUser(user.id, request.session!.sid);
  await app.audit(request, {
    action: AUDIT_ACTIONS.passwordChange, outcome: 'allowed', resource: 'user', resourceId: user.id,
    details: { otherSessionsEnded: ended, wasOneTime: user.mustChangePassword },
  });
}
