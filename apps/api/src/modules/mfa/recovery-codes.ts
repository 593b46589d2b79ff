/**
 * Recovery codes: ten single-use codes shown once at enrolment (or re-generation). They are
 * random (about 50 bits each), not chosen by a person, so a plain SHA-256 is enough to store them and
 * lets a code be found by its hash; argon2 is for passwords.
 */
import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** No 0/O, 1/I/L: easy to read aloud and type from paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function randomGroup(length: number): string {
  let group = '';
  for (let i = 0; i < length; i++) group += ALPHABET[randomInt(ALPHABET.length)];
  return group;
}

/** Codes as the user sees them, e.g. `k7m2p-xq9rd`. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => `${randomGroup(5)}-${randomGroup(5)}`);
}

/** Hash of a code as typed: case, spaces and dashes do not matter. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(`yixian-recovery:${normalised}`).digest('hex');
}
