/**
 * An administrator's help with an account: a one-time password (reset) and lifting a lockout
 * (unlock: the account's own lock and every (account, address) lock of failed sign-ins). A reset also unlocks, ends every session of the account, and makes it change the
 * password at its next sign-in. The one-time password is answered once and stored only as a hash.
 * Administrators help any account; a unit's liaison only the accounts of its unit (account-access.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { generateOneTimePassword, hashPassword } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { replacePassword } from '../auth/password-history.js';
import { liftLockouts } from '../auth/login-lockout.js';
import { findManagedAccount, findManagerLimits } from './account-access.js';

async function findUserOrFail(app: FastifyInstance, request: FastifyRequest, userId: string) {
  await findManagedAccount(app, request, await findManagerLimits(app, request), userId);
  const user = await app.prisma.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('not_found', 'No such user', { field: 'id' });
  return user;
}

export async function resetPassword(app: FastifyInstance, request: FastifyRequest, userId: string): Promise<{ username: string; oneTimePassword: string }> {
  const user = await findUserOrFail(app, request, userId);
  const oneTimePassword = generateOneTimePassword();
  await app.prisma.user.update({
    where: { id: user.id },
    data: replacePassword(user, await hashPassword(oneTimePassword), { now: app.clock.now(), oneTime: true }),
  });
  await liftLockouts(app, user.username, app.clock.now());
  const ended = await app.sessions.destroyAllOfUser(user.id);
  await app.audit(request, {
    action: AUDIT_ACTIONS.passwordReset, outcome: 'allowed', resource: 'user', resourceId: user.id,
    details: { username: user.username, sessionsEnded: ended },
  });
  await app.configChanged(['accounts']);
  return { username: user.username, oneTimePassword };
}

export async function unlockUser(app: FastifyInstance, request: FastifyRequest, userId: string): Promise<void> {
  const user = await findUserOrFail(app, request, userId);
  await app.prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
  await liftLockouts(app, user.username, app.clock.now());
  await app.audit(request, {
    action: AUDIT_ACTIONS.accountUnlock, outcome: 'allowed', resource: 'user', resourceId: user.id,
    details: { username: user.username, accountWasLocked: !!user.lockedUntil && user.lockedUntil > app.clock.now() },
  });
  await app.configChanged(['accounts']);
}
