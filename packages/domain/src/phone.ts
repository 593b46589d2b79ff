/**
 * Caller numbers are personal data: they are stored in full in the call and
 * ticket rows, but anything shown to a wide audience or written to a log uses
 * `maskPhone`. Error messages here never echo the number itself.
 */

const SEPARATORS = /[\s\-().\u00a0]/g;
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * One canonical form per number so the same caller matches across calls,
 * letters and duplicates: separators dropped, +86/0086 removed (a landline
 * gets its trunk 0 back), a trunk 0 dialled before a mobile removed. Foreign
 * numbers keep a leading `+`. Throws a RangeError on anything that is not a
 * phone number (Asterisk's "anonymous", empty strings, letters).
 */
export function normalisePhone(input: string): string {
  if (typeof input !== 'string') throw new TypeError('phone number must be a string');
  let digits = input.trim().replace(SEPARATORS, '');
  if (digits === '') throw new RangeError('phone number is empty');
  let international = false;
  if (digits.startsWith('+')) {
    international = true;
    digits = digits.slice(1);
  } else if (digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (!/^\d+$/.test(digits)) throw new RangeError('phone number may contain only digits, spaces, dashes, dots, brackets and a leading +');
  if (international) {
    if (!digits.startsWith('86')) return checkLength(`+${digits}`, digits.length);
    digits = digits.slice(2);
    if (!MOBILE.test(digits) && !digits.startsWith('0')) digits = `0${digits}`;
  }
  if (digits.length === 12 && digits.startsWith('0') && MOBILE.test(digits.slice(1))) digits = digits.slice(1);
  return checkLength(digits, digits.length);
}

function checkLength(value: string, digitCount: number): string {
  if (digitCount < 3 || digitCount > 20) throw new RangeError('phone number must have 3 to 20 digits');
  return value;
}

/** True when `normalisePhone` would accept the input. */
export function isPhoneNumber(input: unknown): boolean {
  if (typeof input !== 'string') return false;
  try {
    normalisePhone(input);
    return true;
  } catch {
    return false;
  }
}

/** True for a mainland mobile number in canonical form (SMS can reach it). */
export function isMobilePhone(normalised: string): boolean {
  return MOBILE.test(normalised);
}

/**
 * `138****1234`: keep the first 3 and last 4 digits when there are at least 8,
 * otherwise keep a quarter at each end (`12345` → `1***5`, `110` → `***`).
 * Never throws, so it is safe in log serialisers; separators are dropped and a
 * leading + is kept.
 */
export function maskPhone(input: string): string {
  const raw = typeof input === 'string' ? input.trim() : '';
  const prefix = raw.startsWith('+') ? '+' : '';
  const digits = raw.replace(/\D/g, '');
  if (digits.length >= 8) return `${prefix}${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  const keep = Math.floor(digits.length / 4);
  return `${prefix}${digits.slice(0, keep)}${'*'.repeat(digits.length - 2 * keep)}${keep ? digits.slice(-keep) : ''}`;
}
