/** Shared helpers for the ticket tests: a Call row as the bridge writes it, sessions and calls to the API. */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@yixian/db';
import { randomPhone } from './helpers/factories.js';
import { login, type Session, type TestApp } from './helpers/test-app.js';

export async function createCall(prisma: PrismaClient, hotlineNumber: '12345' | '110' = '12345', at = new Date()) {
  const linkedid = `${Date.now()}.${Math.floor(Math.random() * 1e6)}`;
  return prisma.call.create({
    data: {
      id: randomUUID(), linkedid, hotlineId: `hl-${hotlineNumber}`, hotlineNumber, callerNumber: randomPhone(),
      state: 'completed', enteredAt: at, answeredAt: at, endedAt: at,
    },
  });
}

export type Sessions = Record<string, Session>;

export async function loginAll(t: TestApp, usernames: string[]): Promise<Sessions> {
  const sessions: Sessions = {};
  for (const name of usernames) sessions[name] = await login(t.app, name);
  return sessions;
}

/** POST helper: `act(t, s.agent, id, 'sign', {})`. */
export async function act(t: TestApp, session: Session, ticketId: string, action: string, body: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/${action}`, headers: session.headers, payload: body });
}

export async function intake(t: TestApp, session: Session, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/tickets', headers: session.headers, payload: body });
}

export async function trailActions(prisma: PrismaClient, ticketId: string): Promise<string[]> {
  const events = await prisma.ticketEvent.findMany({ where: { ticketId }, orderBy: { id: 'asc' } });
  return events.map((event) => event.action);
}
