/**
 * Server-side sessions in Redis. The cookie holds a random id; Redis holds only the hash of
 * it, so a dump of Redis cannot be replayed as cookies. Idle time is measured against the
 * app's clock (tests move it); the Redis TTL is a backstop that frees abandoned sessions.
 * A session that ends (sign-out, idle time) is announced on `<prefix>session-ended` with its
 * hash, so every API copy closes the sockets opened with it (plugins/realtime.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A session that is not yet a full one: the password was right, but a second factor is still owed
 * (`mfa_code`: enter a TOTP or recovery code; `mfa_enrol`: a role that requires one enrols first).
 * Such a session may use only the routes that declare its step (security.ts).
 */
export type SessionStep = 'mfa_code' | 'mfa_enrol';

export interface Session {
  userId: string;
  /** Absent on a full session. */
  step?: SessionStep;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export type SessionLookup = { status: 'active'; session: Session } | { status: 'expired' } | { status: 'missing' };

export interface SessionStoreOptions {
  redis: Redis;
  prefix: string;
  idleMs: number;
}

/** The session's id as Redis knows it: never the cookie value itself. */
export function hashSessionId(sid: string): string {
  return createHash('sha256').update(sid).digest('hex');
}

function keyFor(prefix: string, sid: string): string {
  return `${prefix}session:${hashSessionId(sid)}`;
}

/** The pub/sub channel on which ended sessions are announced (message: the session's hash). */
export function sessionEndedChannel(prefix: string): string {
  return `${prefix}session-ended`;
}

/** The set of a user's session keys, so a password change or reset can end them all. */
function userKeyFor(prefix: string, userId: string): string {
  return `${prefix}user-sessions:${userId}`;
}

/** How far the idle window must have moved before a request writes it again. */
export const SLIDE_STEP_MS = 5_000;

export function createSessionStore({ redis, prefix, idleMs }: SessionStoreOptions) {
  const ttlSeconds = Math.ceil(idleMs / 1000) + 60;

  async function end(sid: string): Promise<void> {
    await redis.del(keyFor(prefix, sid));
    await redis.publish(sessionEndedChannel(prefix), hashSessionId(sid));
  }

  /** Reads a session without sliding its window; an idle one is reported expired. */
  async function read(sid: string, now: Date): Promise<SessionLookup> {
    const raw = await redis.get(keyFor(prefix, sid));
    if (!raw) return { status: 'missing' };
    const session = JSON.parse(raw) as Session;
    if (now.getTime() - session.lastSeenAt > idleMs) return { status: 'expired' };
    return { status: 'active', session };
  }

  return {
    /** Starts a session and returns the cookie value and the CSRF token for the client. */
    async create(userId: string, now: Date, step?: SessionStep): Promise<{ sid: string; session: Session }> {
      const sid = randomBytes(32).toString('base64url');
      const session: Session = {
        userId,
        ...(step ? { step } : {}),
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now.getTime(),
        lastSeenAt: now.getTime(),
      };
      const key = keyFor(prefix, sid);
      await redis.set(key, JSON.stringify(session), 'EX', ttlSeconds);
      await rememberSession(userId, key);
      return { sid, session };
    },

    /**
     * Finds a session and slides its idle window; an idle one is deleted and reported expired. The
     * window is written again only when it moved by SLIDE_STEP_MS or more: a console sending many
     * requests a second costs one Redis read each, not a read and a write (the session then ends
     * at most that much before its exact idle time).
     */
    async touch(sid: string, now: Date): Promise<SessionLookup> {
      const found = await read(sid, now);
      if (found.status === 'expired') await end(sid);
      if (found.status !== 'active') return found;
      if (now.getTime() - found.session.lastSeenAt < SLIDE_STEP_MS) return found;
      found.session.lastSeenAt = now.getTime();
      // XX: a sign-out or a password change that ended the session since the read is not undone.
      await redis.set(keyFor(prefix, sid), JSON.stringify(found.session), 'EX', ttlSeconds, 'XX');
      return found;
    },

    /** Whether the session is still live, without counting as activity (a socket's re-check); ends nothing. */
    peek: read,

    /** Ends the session (sign-out) and tells every API copy to close its sockets. */
    destroy: end,

    /**
     * Ends every session of the user but `keepSid` (the one that changed the password), and tells
     * every API copy to close their sockets; returns how many were live.
     */
    async destroyAllOfUser(userId: string, keepSid?: string): Promise<number> {
      const userKey = userKeyFor(prefix, userId);
      const keep = keepSid ? keyFor(prefix, keepSid) : null;
      const ending = (await redis.smembers(userKey)).filter((key) => key !== keep);
      if (ending.length === 0) return 0;
      const ended = await redis.del(...ending);
      await redis.srem(userKey, ...ending);
      const sessionPrefix = `${prefix}session:`;
      for (const key of ending) await redis.publish(sessionEndedChannel(prefix), key.slice(sessionPrefix.length));
      return ended;
    },
  };

  /** Adds the session to its user's set and drops the members whose sessions have ended since. */
  async function rememberSession(userId: string, key: string): Promise<void> {
    const userKey = userKeyFor(prefix, userId);
    const known = await redis.smembers(userKey);
    if (known.length > 0) {
      const alive = await Promise.all(known.map((member) => redis.exists(member)));
      const dead = known.filter((_, i) => alive[i] === 0);
      if (dead.length > 0) await redis.srem(userKey, ...dead);
    }
    await redis.sadd(userKey, key);
  }
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** Constant-time comparison of the CSRF header with the session's token. */
export function isCsrfTokenValid(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
