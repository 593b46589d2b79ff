/**
 * Starts a session and sets its cookie. Every step up in a sign-in (a second factor entered, an
 * enrolment confirmed) issues a new session id and ends the old one, so an id seen before the
 * step is worth nothing after it (no fixation).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../plugins/security.js';
import { sessionCookieOptions } from './session-cookie.js';
import type { SessionStep } from './session-store.js';

export async function issueSession(app: FastifyInstance, reply: FastifyReply, userId: string, step?: SessionStep) {
  const { sid, session } = await app.sessions.create(userId, app.clock.now(), step);
  reply.setCookie(SESSION_COOKIE, sid, sessionCookieOptions(reply.request, app.config));
  return session;
}

/** Ends the current session and starts a full one for the same user. */
export async function replaceWithFullSession(app: FastifyInstance, reply: FastifyReply, current: { sid: string; userId: string }) {
  await app.sessions.destroy(current.sid);
  return issueSession(app, reply, current.userId);
}
