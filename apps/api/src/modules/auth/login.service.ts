/**
 * Password login with lockout: five failures in a row lock the account for five minutes.
 * An unknown username is counted the same way (in Redis) and answered identically, so the
 * answers never tell whether an account exists.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { verifyAgainstDummy, verifyPassword } from '@yixian/runtime';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60_000;

interface LoginContext {
  ip: string;
  requestId: string;
}

function lockedError(lockedUntil: Date): AppError {
  return new AppError('account_locked', 'Too many failed sign-ins; try again later', {
    details: { lockedUntil: lockedUntil.toISOString() },
  });
}

/** Counts a failure for a username that has no account, mirroring the database counters. */
async function failUnknownUser(app: FastifyInstance, username: string, now: Date): Promise<AppError> {
  const key = `${app.config.redisPrefix}login-failures:${username.toLowerCase()}`;
  const raw = await app.redis.get(key);
  const state = raw ? (JSON.parse(raw) as { count: number; lockedUntil: number | null }) : { count: 0, lockedUntil: null };
  if (state.lockedUntil && state.lockedUntil > now.getTime()) return lockedError(new Date(state.lockedUntil));
  state.count += 1;
  if (state.count >= MAX_FAILED_LOGINS) {
    state.count = 0;
    state.lockedUntil = now.getTime() + LOCKOUT_MS;
  }
  await app.redis.set(key, JSON.stringify(state), 'EX', 3600);
  return state.lockedUntil && state.lockedUntil > now.getTime()
    ? lockedError(new Date(state.lockedUntil))
    : new AppError('invalid_credentials', 'Wrong username or password');
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

  if (!user) {
    await verifyAgainstDummy(password);
    const error = await failUnknownUser(app, username, now);
    await audit(AUDIT_ACTIONS.loginFailed, 'denied', error.code === 'account_locked' ? 'locked' : 'invalid_credentials');
    throw error;
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit(AUDIT_ACTIONS.loginFailed, 'denied', 'locked');
    throw lockedError(user.lockedUntil);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    const failures = user.failedLogins + 1;
    const locks = failures >= MAX_FAILED_LOGINS;
    const lockedUntil = locks ? new Date(now.getTime() + LOCKOUT_MS) : null;
    await app.prisma.user.update({
      where: { id: user.id },
      data: { failedLogins: locks ? 0 : failures, lockedUntil },
    });
    await audit(AUDIT_ACTIONS.loginFailed, 'denied', 'invalid_credentials');
    if (lockedUntil) {
      await audit(AUDIT_ACTIONS.lockout, 'denied', `${MAX_FAILED_LOGINS} failed sign-ins`);
      throw lockedError(lockedUntil);
    }
    throw new AppError('invalid_credentials', 'Wrong username or password');
  }
  if (user.status !== 'active') {
    await audit(AUDIT_ACTIONS.loginFailed, 'denied', 'account_disabled');
    throw new AppError('account_disabled', 'This account is disabled');
  }
  await app.prisma.user.update({
    where: { id: user.id },
    data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
  });
  await audit(AUDIT_ACTIONS.login, 'allowed');
  return user.id;
}
