/**
 * The open `/ws` sockets of this API copy, each tied to the session it was opened with.
 *
 * - A session ended anywhere (sign-out, idle time; session-store.ts announces it on Redis)
 *   closes its sockets here at once.
 * - A push to a socket whose session may have idled out since it was last seen waits for a
 *   re-check (without sliding the session: a socket is not activity); pushes to one socket stay
 *   in order. A sweep does the same for quiet sockets.
 * - The actor is re-read on each re-check, so a disabled account loses its socket too.
 */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { WebSocket } from 'ws';
import type { Actor } from '../modules/auth/actor.js';
import { loadCachedActor } from '../modules/auth/actor-cache.js';
import { hashSessionId, sessionEndedChannel } from '../modules/auth/session-store.js';
import { AUDIT_ACTIONS } from '../modules/audit/audit.service.js';

/** Close code the console reads as "signed out": it shows the login page and does not reconnect. */
export const SESSION_CLOSE_CODE = 4401;
export const SOCKET_SWEEP_MS = 60_000;

interface SocketSession {
  actor: Actor;
  sid: string;
  sidHash: string;
  /** Until when (app clock, ms) the session is surely live without asking Redis again. */
  freshUntil: number;
  /** Pushes waiting behind a re-check, in order. */
  pending: Promise<boolean> | null;
}

export function createSocketSessions(app: FastifyInstance) {
  const idleMs = app.config.sessionIdleMinutes * 60_000;
  const sockets = new Map<WebSocket, SocketSession>();

  function close(socket: WebSocket, reason: 'session_ended' | 'session_expired'): void {
    sockets.delete(socket);
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(SESSION_CLOSE_CODE, reason);
  }

  /** Asks Redis whether the socket's session still lives; closes the socket when it does not. */
  async function recheck(socket: WebSocket, entry: SocketSession): Promise<boolean> {
    const found = await app.sessions.peek(entry.sid, app.clock.now());
    const actor = found.status === 'active' && !found.session.step ? await loadCachedActor(app.prisma, found.session.userId) : null;
    if (found.status === 'active' && actor && actor.status === 'active') {
      entry.actor = actor;
      entry.freshUntil = found.session.lastSeenAt + idleMs;
      return true;
    }
    if (found.status !== 'expired') {
      close(socket, 'session_ended');
      return false;
    }
    await app.audit(null, {
      action: AUDIT_ACTIONS.sessionExpired, outcome: 'denied', resource: 'GET /ws', reason: 'session_expired',
      actorId: entry.actor.id, actorName: entry.actor.username,
    });
    close(socket, 'session_expired');
    await app.sessions.destroy(entry.sid);
    return false;
  }

  function queueRecheck(socket: WebSocket, entry: SocketSession): Promise<boolean> {
    const run = (entry.pending ?? Promise.resolve(true))
      .then((alive) => {
        if (!alive) return false;
        return app.clock.now().getTime() <= entry.freshUntil ? true : recheck(socket, entry);
      })
      .catch((error: unknown) => {
        app.log.warn({ err: error }, 'socket session re-check failed; closing the socket');
        close(socket, 'session_ended');
        return false;
      });
    entry.pending = run;
    void run.then(() => {
      if (entry.pending === run) entry.pending = null;
    });
    return run;
  }

  const sweep = setInterval(() => {
    const now = app.clock.now().getTime();
    for (const [socket, entry] of sockets) if (!entry.pending && now > entry.freshUntil) void queueRecheck(socket, entry);
  }, SOCKET_SWEEP_MS);
  sweep.unref();

  return {
    add(socket: WebSocket, { actor, sid, lastSeenAt }: { actor: Actor; sid: string; lastSeenAt: number }): void {
      sockets.set(socket, { actor, sid, sidHash: hashSessionId(sid), freshUntil: lastSeenAt + idleMs, pending: null });
      socket.on('close', () => sockets.delete(socket));
    },

    /** Sends the frame to every socket whose actor `mayReceive`, once its session is known to live. */
    push(frame: string, mayReceive: (actor: Actor) => boolean): void {
      const now = app.clock.now().getTime();
      for (const [socket, entry] of sockets) {
        if (socket.readyState !== socket.OPEN) continue;
        if (!entry.pending && now <= entry.freshUntil) {
          if (mayReceive(entry.actor)) socket.send(frame);
          continue;
        }
        const checked = entry.pending && now <= entry.freshUntil ? entry.pending : queueRecheck(socket, entry);
        void checked.then((alive) => {
          if (alive && socket.readyState === socket.OPEN && mayReceive(entry.actor)) socket.send(frame);
        });
      }
    },

    /** Subscribes to ended sessions: their sockets close at once, on every API copy. */
    async listen(subscriber: Redis): Promise<void> {
      const channel = sessionEndedChannel(app.config.redisPrefix);
      await subscriber.subscribe(channel);
      subscriber.on('message', (from, sidHash) => {
        if (from !== channel) return;
        for (const [socket, entry] of sockets) if (entry.sidHash === sidHash) close(socket, 'session_ended');
      });
    },

    closeAll(code: number, reason: string): void {
      clearInterval(sweep);
      for (const socket of sockets.keys()) socket.close(code, reason);
      sockets.clear();
    },
  };
}
