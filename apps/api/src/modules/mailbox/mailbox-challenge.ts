/**
 * Anti-automation for the public mailbox, with no third-party service: a proof of work
 * (hashcash). `GET /api/mailbox/challenge` hands out a random salt and a difficulty inside a
 * token signed with HMAC-SHA256; the browser searches a nonce such that
 * SHA-256(`<salt>:<nonce>`) starts with `difficulty` zero bits (about 2^difficulty hashes, a
 * fraction of a second for one letter, real CPU cost for a flood), and sends token + nonce with
 * the letter. The server checks the signature, expiry and hash without storing anything at
 * issue time (stateless verification); only a spent salt is remembered in Redis until the token
 * would expire, so one solution cannot be replayed.
 *
 * Why not an arithmetic question: a script reads "3 + 4" as easily as a person, while proof of
 * work costs every submission the same CPU, asks nothing of the writer (screen readers, the
 * elderly) and needs no image service. Rate limits and the honeypot field do the rest.
 *
 * The HMAC key is 32 random bytes kept in Redis under the deployment's prefix (created once with
 * SET NX), so every API instance shares it without a new configuration variable; if Redis loses
 * it, outstanding challenges fail and the page simply asks for a new one.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../../lib/app-error.js';

/** Leading zero bits required: about 33,000 hashes on average, well under a second in a browser. */
export const CHALLENGE_DIFFICULTY = 15;
/** How long a challenge may be solved and used. */
export const CHALLENGE_TTL_MS = 30 * 60_000;

export interface Challenge {
  token: string;
  salt: string;
  difficulty: number;
  expiresAt: string;
}

interface TokenPayload {
  s: string;
  d: number;
  e: number;
}

const keyName = (prefix: string) => `${prefix}mailbox:challenge-key`;
const spentName = (prefix: string, salt: string) => `${prefix}mailbox:challenge-spent:${salt}`;

async function loadKey(redis: Redis, prefix: string): Promise<Buffer> {
  await redis.set(keyName(prefix), randomBytes(32).toString('hex'), 'NX');
  const hex = await redis.get(keyName(prefix));
  if (!hex) throw new AppError('service_unavailable', 'The challenge key is not available');
  return Buffer.from(hex, 'hex');
}

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url');

/** Counts the leading zero bits of a digest. */
export function countLeadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** True when `nonce` solves the salt at the difficulty. */
export function isSolution(salt: string, nonce: string, difficulty: number): boolean {
  return countLeadingZeroBits(createHash('sha256').update(`${salt}:${nonce}`).digest()) >= difficulty;
}

/** Issues a signed challenge; nothing is stored. */
export async function issueChallenge(redis: Redis, prefix: string, now: Date): Promise<Challenge> {
  const key = await loadKey(redis, prefix);
  const payload: TokenPayload = { s: randomBytes(16).toString('hex'), d: CHALLENGE_DIFFICULTY, e: now.getTime() + CHALLENGE_TTL_MS };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { token: `${body}.${sign(key, body)}`, salt: payload.s, difficulty: payload.d, expiresAt: new Date(payload.e).toISOString() };
}

const refuse = (message: string) => new AppError('validation_failed', message, { field: 'challenge' });

function readPayload(key: Buffer, token: string): TokenPayload {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) throw refuse('The challenge token is malformed; ask for a new one');
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refuse('The challenge token was not issued here; ask for a new one');
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
  if (typeof payload.s !== 'string' || typeof payload.d !== 'number' || typeof payload.e !== 'number') throw refuse('The challenge token is malformed; ask for a new one');
  return payload;
}

/**
 * Checks a solved challenge and spends it (400 naming `challenge` when it is forged, expired,
 * unsolved or already used). Call it after every other check of the letter, just before writing.
 */
export async function spendChallenge(redis: Redis, prefix: string, input: { token: string; nonce: string }, now: Date): Promise<void> {
  const key = await loadKey(redis, prefix);
  const payload = readPayload(key, input.token);
  if (payload.e <= now.getTime()) throw refuse('The challenge has expired; ask for a new one');
  if (payload.d < CHALLENGE_DIFFICULTY) throw refuse('The challenge is too easy; ask for a new one');
  if (!isSolution(payload.s, input.nonce, payload.d)) throw refuse('The challenge answer is wrong');
  const ttl = Math.max(1, payload.e - now.getTime());
  const fresh = await redis.set(spentName(prefix, payload.s), '1', 'PX', ttl, 'NX');
  if (fresh !== 'OK') throw refuse('This challenge was already used; ask for a new one');
}

/** Solves a challenge (tests and scripted clients; the console has its own copy). */
export function solveChallenge(salt: string, difficulty: number): string {
  for (let nonce = 0; ; nonce += 1) if (isSolution(salt, String(nonce), difficulty)) return String(nonce);
}
