/**
 * Sessions for benchmark users, written with the API's own session store (so the cookie and
 * CSRF token are exactly what a login would give) without running argon2 200 times.
 */
import { Redis } from 'ioredis';
import { createSessionStore } from '../../../apps/api/src/modules/auth/session-store.js';
import { SESSION_COOKIE } from '../../../apps/api/src/plugins/security.js';

export interface BenchSession {
  userId: string;
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request. */
  headers: Record<string, string>;
}

/** Opens one session per user id in the API's Redis under its prefix. */
export async function openSessions(redisUrl: string, redisPrefix: string, userIds: string[], idleMinutes = 30): Promise<BenchSession[]> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    const store = createSessionStore({ redis, prefix: redisPrefix, idleMs: idleMinutes * 60_000 });
    const sessions: BenchSession[] = [];
    for (const userId of userIds) {
      const { sid, session } = await store.create(userId, new Date());
      const cookie = `${SESSION_COOKIE}=${sid}`;
      sessions.push({ userId, cookie, csrfToken: session.csrfToken, headers: { cookie, 'x-csrf-token': session.csrfToken } });
    }
    return sessions;
  } finally {
    redis.disconnect();
  }
}
