/**
 * Failed sign-ins lock an (account, client address) pair, not the account: five failures in a
 * row from one address lock that account for five minutes from that address only. So nobody can
 * lock someone else out from elsewhere (the lockout is no denial-of-service), while guessing from
 * one address stops after five tries, and the per-address limit (LOGIN_RATE_LIMIT) caps how many
 * accounts one address can try. Unknown usernames are counted the same way, in the same place,
 * so the answers never tell whether an account exists. Counters live in Redis (every API copy
 * sees them) under a hash of the pair: no username or address is kept in a key.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60_000;

interface PairState {
  count: number;
  lockedUntil: number | null;
}

function pairKey(prefix: string, username: string, ip: string): string {
  const pair = createHash('sha256').update(`${username.toLowerCase()}\n${ip}`).digest('hex');
  return `${prefix}login-failures:${pair}`;
}

async function readPair(app: FastifyInstance, key: string): Promise<PairState> {
  const raw = await app.redis.get(key);
  return raw ? (JSON.parse(raw) as PairState) : { count: 0, lockedUntil: null };
}

/** Where an administrator's unlock of the account is noted (the pairs' keys cannot be listed: they are hashes). */
function liftedKey(prefix: string, username: string): string {
  return `${prefix}login-lifted:${createHash('sha256').update(username.toLowerCase()).digest('hex')}`;
}

/** When the pair is locked, until when; null when it may try (or an administrator lifted the lock since). */
export async function findLockout(app: FastifyInstance, username: string, ip: string, now: Date): Promise<Date | null> {
  const state = await readPair(app, pairKey(app.config.redisPrefix, username, ip));
  if (!state.lockedUntil || state.lockedUntil <= now.getTime()) return null;
  const lifted = Number(await app.redis.get(liftedKey(app.config.redisPrefix, username)));
  return lifted >= state.lockedUntil - LOCKOUT_MS ? null : new Date(state.lockedUntil);
}

/** An administrator's unlock: every (account, address) lock that began before now is lifted. */
export async function liftLockouts(app: FastifyInstance, username: string, now: Date): Promise<void> {
  await app.redis.set(liftedKey(app.config.redisPrefix, username), String(now.getTime()), 'PX', LOCKOUT_MS);
}

/** Counts a failure for the pair; returns the lock's end when this failure locked it. */
export async function recordLoginFailure(app: FastifyInstance, username: string, ip: string, now: Date): Promise<Date | null> {
  const key = pairKey(app.config.redisPrefix, username, ip);
  const state = await readPair(app, key);
  state.count += 1;
  state.lockedUntil = null;
  if (state.count >= MAX_FAILED_LOGINS) {
    state.count = 0;
    state.lockedUntil = now.getTime() + LOCKOUT_MS;
  }
  await app.redis.set(key, JSON.stringify(state), 'EX', 3600);
  return state.lockedUntil === null ? null : new Date(state.lockedUntil);
}

/** A successful sign-in forgets the pair's failures. */
export async function clearLoginFailures(app: FastifyInstance, username: string, ip: string): Promise<void> {
  await app.redis.del(pairKey(app.config.redisPrefix, username, ip));
}
