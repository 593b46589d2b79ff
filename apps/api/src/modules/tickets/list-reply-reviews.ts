/**
 * The two work lists of 回复审核 (review-reply.ts): `waiting` — replies in `reply_review` for the
 * centre desk, with the reply text; `sent_back` — tickets whose last reply the desk sent back and
 * that wait for a new reply, with the reason, for the unit (its own tickets only, as the inbox).
 * Scoped like every ticket read; names, never ids, for the people and units.
 */
import type { PrismaClient } from '@yixian/db';
import { ROLES } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';
import { ticketScopeWhere } from './ticket-scope.js';

export const REPLY_REVIEW_LIST_LIMIT = 100;
const REVIEW_ACTIONS = ['reply', 'approve-reply', 'reject-reply'];
const UNIT_ROLES: readonly string[] = [ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member];

export type ReplyReviewStatus = 'waiting' | 'sent_back';

export interface ReplyReviewItem {
  ticketId: string;
  code: string;
  title: string;
  channel: string;
  state: string;
  unitName: string | null;
  handleDueAt: string | null;
  reply: { content: string; at: string; authorName: string | null };
  sentBack: { reason: string; at: string; reviewerName: string | null } | null;
}

/** The list for `status`, oldest reply first (the one waiting longest on top). */
export async function listReplyReviews(prisma: PrismaClient, actor: Actor, status: ReplyReviewStatus): Promise<ReplyReviewItem[]> {
  const ownUnitOnly = status === 'sent_back' && actor.unitId !== null && actor.roles.every((role) => UNIT_ROLES.includes(role));
  const tickets = await prisma.ticket.findMany({
    where: {
      AND: [
        status === 'waiting' ? { state: 'reply_review' } : { state: 'in_progress', events: { some: { action: 'reject-reply' } } },
        ticketScopeWhere(actor),
        ...(ownUnitOnly ? [{ leadUnitId: actor.unitId }] : []),
      ],
    },
    orderBy: { updatedAt: 'asc' },
    take: REPLY_REVIEW_LIST_LIMIT,
  });
  if (tickets.length === 0) return [];
  const events = await prisma.ticketEvent.findMany({
    where: { ticketId: { in: tickets.map((t) => t.id) }, action: { in: REVIEW_ACTIONS } },
    orderBy: { id: 'asc' },
  });
  const userIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const unitIds = [...new Set(tickets.flatMap((t) => (t.leadUnitId ? [t.leadUnitId] : [])))];
  const [users, units] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
    prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const items: ReplyReviewItem[] = [];
  for (const ticket of tickets) {
    const own = events.filter((e) => e.ticketId === ticket.id);
    const last = own.at(-1);
    const reply = own.findLast((e) => e.action === 'reply');
    if (!reply || !last) continue;
    // sent back: the last review act is the rejection, and no new reply came after it
    if (status === 'sent_back' && last.action !== 'reject-reply') continue;
    if (status === 'waiting' && last.action !== 'reply') continue;
    const content = (reply.data as { content?: unknown } | null)?.content;
    items.push({
      ticketId: ticket.id,
      code: ticket.code,
      title: ticket.title,
      channel: ticket.channel,
      state: ticket.state,
      unitName: ticket.leadUnitId ? unitName.get(ticket.leadUnitId) ?? null : null,
      handleDueAt: ticket.handleDueAt?.toISOString() ?? null,
      reply: { content: typeof content === 'string' ? content : '', at: reply.at.toISOString(), authorName: reply.actorId ? userName.get(reply.actorId) ?? null : null },
      sentBack: status === 'sent_back'
        ? { reason: last.reason ?? '', at: last.at.toISOString(), reviewerName: last.actorId ? userName.get(last.actorId) ?? null : null }
        : null,
    });
  }
  return items;
}
