/**
 * The letter's query code (查询码): 12 characters of Crockford base32 (60 random bits), shown
 * as `XXXX-XXXX-XXXX`. Only its SHA-256 is stored, so a database dump does not open anyone's
 * letter; 60 bits with the per-IP lookup limit make guessing hopeless.
 */
import { createHash, randomInt } from 'node:crypto';
import { AppError } from '../../lib/app-error.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;

/** A new code, grouped for reading aloud over the phone. */
export function generateQueryCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * The canonical form of what a citizen typed: case, spaces and dashes ignored, and the
 * letters Crockford base32 reads as digits (O → 0, I/L → 1) mapped. Throws a 400 naming
 * `code` when it cannot be a query code at all.
 */
export function normaliseQueryCode(input: string): string {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH || [...code].some((char) => !ALPHABET.includes(char))) {
    throw new AppError('validation_failed', `The query code has ${CODE_LENGTH} letters and digits, like ABCD-EFGH-JKMN`, { field: 'code' });
  }
  return code;
}

/** What the database keeps: the SHA-256 of the canonical code, hex. */
export function hashQueryCode(input: string): string {
  return createHash('sha256').update(normaliseQueryCode(input)).digest('hex');
}
