/**
 * The screen pop's memory: a caller's earlier calls and tickets. Repeat callers (more than
 * one call in seven days) are flagged so the agent knows the matter may already be open.
 */
import type { PrismaClient } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { ticketScopeWhere } from '../tickets/ticket-scope.js';
import { presentCall } from './call-presenter.js';

const REPEAT_WINDOW_MS = 7 * 24 * 3600_000;

export async function findCallerHistory(prisma: PrismaClient, actor: Actor, callerNumber: string, now: Date, excludeLinkedid?: string) {
  const [calls, tickets] = await Promise.all([
    prisma.call.findMany({
      where: { callerNumber, ...(excludeLinkedid ? { linkedid: { not: excludeLinkedid } } : {}) },
      orderBy: { enteredAt: 'desc' },
      take: 20,
      include: { tickets: { select: { id: true, code: true, state: true } } },
    }),
    prisma.ticket.findMany({
      where: { AND: [{ callerNumber }, ticketScopeWhere(actor)] },
      orderBy: { createdAt: 'desc' },
      take: 20,
      select: { id: true, code: true, state: true, title: true, categoryId: true, createdAt: true, ticketClass: true },
    }),
  ]);
  const recentCalls = calls.filter((call) => now.getTime() - call.enteredAt.getTime() <= REPEAT_WINDOW_MS).length;
  return {
    isRepeatCaller: recentCalls >= 1,
    callsInLast7Days: recentCalls,
    calls: calls.map(presentCall),
    tickets: tickets.map((ticket) => ({ ...ticket, createdAt: ticket.createdAt.toISOString() })),
  };
}
