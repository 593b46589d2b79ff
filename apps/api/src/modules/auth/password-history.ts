/**
 * Password history: none of the last five passwords may come back. The account keeps the argon2
 * hashes of the four before the current one. One-time passwords (a reset, a bulk import) are never
 * kept: they were not the user's choice, and would push a real one out of the history.
 */
import { verifyPassword } from '@yixian/runtime';

/** How many of the latest passwords (the current one included) a new one may not repeat. */
export const PASSWORD_HISTORY = 5;

interface PasswordState {
  passwordHash: string;
  previousPasswordHashes: string[];
  mustChangePassword: boolean;
}

/** Whether the password is the current one or one of the kept earlier ones. */
export async function isPasswordReused(user: PasswordState, password: string): Promise<boolean> {
  for (const hash of [user.passwordHash, ...user.previousPasswordHashes]) {
    if (await verifyPassword(hash, password)) return true;
  }
  return false;
}

/**
 * The user row's new password columns: the new hash, the history moved on by one, the lockout
 * cleared (a reset also unlocks).
 */
export function replacePassword(user: PasswordState, newHash: string, options: { now: Date; oneTime: boolean }) {
  const kept = user.mustChangePassword ? user.previousPasswordHashes : [user.passwordHash, ...user.previousPasswordHashes];
  return {
    passwordHash: newHash,
    previousPasswordHashes: kept.slice(0, PASSWORD_HISTORY - 1),
    mustChangePassword: options.oneTime,
    passwordChangedAt: options.now,
    failedLogins: 0,
    lockedUntil: null,
  };
}
