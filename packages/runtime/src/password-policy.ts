/**
 * The password policy (等保 2.0 level 3): at least 12 characters, not a common password, not the
 * username. Common passwords come from zxcvbn-ts's maintained list (49,000 leaked passwords); a
 * password is refused when it is one of them, or one of them padded with digits and signs
 * ("password2024!"), or one short chunk repeated ("abcabcabcabc"). Reuse of the last passwords is
 * the caller's check: it needs the account's stored hashes.
 */
import { randomInt } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Why a password is refused: stable codes the console words in both languages. */
export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_username';

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return common;
}

/** Whether the password is a known common one, bare or padded with digits and signs. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const words = commonPasswords();
  if (words.has(lower)) return true;
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (core.length >= 4 && words.has(core)) return true;
  return /^(.{1,4})\1+$/su.test(lower);
}

/** The first problem with a new password, or null when the policy accepts it. */
export function findPasswordProblem(password: string, context: { username?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) return 'contains_username';
  if (isCommonPassword(password)) return 'too_common';
  return null;
}

/** Letters and digits that cannot be mistaken for each other when read off a sheet (no 0/O, 1/l/I). */
const ONE_TIME_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A one-time initial password (bulk import, an administrator's reset): 16 characters from a
 * 56-symbol alphabet (~93 bits), in four groups of four for reading aloud or typing from a sheet.
 */
export function generateOneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}
