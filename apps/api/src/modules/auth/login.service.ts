/**
 * Password login. Failed sign-ins lock the (account, client address) pair for five minutes after
 * five in a row (login-lockout.ts), so no one can lock an account from elsewhere; an unknown
 * username goes through the same steps and gets the same answers, so they never tell whether an
 * account exists.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { verifyAgainstDummy, verifyPassword } from '@yixian/runtime';
import { clearLoginFailures, findLockout, MAX_FAILED_LOGINS, recordLoginFailure } from './login-lockout.js';

export { LOCKOUT_MS, MAX_FAILED_LOGINS } from './login-lockout.js';

interface LoginContext {
  ip: string;
  requestId: string;
}

function lockedError(lockedUntil: Date): AppError {
  return new AppError('account_locked', 'Too many failed sign-ins; try again later', {
    details: { lockedUntil: lockedUntil.toISOString() },
  });
}

/** Checks the credentials and returns the user's id; throws the AppError to answer with. */
export async function authenticate(
  app: FastifyInstance,
  username: string,
  password: string,
  context: LoginContext,
): Promise<string> {
  const now = app.clock.now();
  const user = await app.prisma.user.findUnique({ where: { username } });
  const audit = (action: (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS], outcome: 'allowed' | 'denied' | 'failed', reason?: string) =>
    app.audit(null, { action, outcome, actorId: user?.id ?? null, actorName: username, reason, ...context });

  const lockedUntil = await findLockout(app, username, context.ip, now);
  if (lockedUntil) {
    await audit(AUDIT_ACTIONS.loginFailed, 'denied', 'locked');
    throw lockedError(lockedUntil);
  }
  const isValid = user ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummy(password), false);
  if (!user || !isValid) {
    const locks = await recordLoginFailure(app, username, context.ip, now);
    await audit(AUDIT_ACTIONS.loginFailed, 'denied', 'invalid_credentials');
    if (locks) {
      await audit(AUDIT_ACTIONS.lockout, 'denied', `${MAX_FAILED_LOGINS} failed sign-ins from this address`);
      throw lockedError(locks);
    }
    throw new AppError('invalid_credentials', 'Wrong username or password');
  }
  // The account's own lock comes from wrong second-factor codes (mfa-attempts.ts), which only the password's holder can enter.
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit(AUDIT_ACTIONS.loginFailed, 'denied', 'locked');
    throw lockedError(user.lockedUntil);
  }
  if (user.status !== 'active') {
    await audit(AUDIT_ACTIONS.loginFailed, 'denied', 'account_disabled');
    throw new AppError('account_disabled', 'This account is disabled');
  }
  await clearLoginFailures(app, username, context.ip);
  // The account's own counter and lock are the second factor's (mfa-attempts.ts): a password does not clear them.
  await app.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  await audit(AUDIT_ACTIONS.login, 'allowed');
  return user.id;
}
