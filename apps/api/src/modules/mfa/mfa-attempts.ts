/**
 * Wrong second-factor codes count on the account itself (`failedLogins`): the fifth in a row locks
 * the account for five minutes, everywhere; only someone holding the password gets to enter a code.
 * (Wrong passwords lock only the account from that address: auth/login-lockout.ts.)
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from '../auth/login.service.js';

/** The lockout in force, if any. */
export function lockedUntilOf(user: { lockedUntil: Date | null }, now: Date): Date | null {
  return user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
}

export function accountLockedError(lockedUntil: Date): AppError {
  return new AppError('account_locked', 'Too many failed sign-ins; try again later', {
    details: { lockedUntil: lockedUntil.toISOString() },
  });
}

/** Counts one wrong code; returns the lockout's end when this failure locked the account. */
export async function countWrongCode(app: FastifyInstance, userId: string, now: Date): Promise<Date | null> {
  const user = await app.prisma.user.update({ where: { id: userId }, data: { failedLogins: { increment: 1 } } });
  if (user.failedLogins < MAX_FAILED_LOGINS) return null;
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
  await app.prisma.user.update({ where: { id: userId }, data: { failedLogins: 0, lockedUntil } });
  return lockedUntil;
}

/** A right code clears the counter, as a right password does. */
export async function clearWrongCodes(app: FastifyInstance, userId: string): Promise<void> {
  await app.prisma.user.update({ where: { id: userId }, data: { failedLogins: 0 } });
}
