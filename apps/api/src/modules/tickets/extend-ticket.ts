/**
 * 延期: a unit asks for more time (before the deadline, once, 1-5 working days: the domain's
 * `checkExtension`), and the dispatch desk approves or refuses. The pending request lives in the
 * trail: a `request-extension` entry not yet followed by an `approve-extension` one.
 */
import type { Prisma, Ticket } from '@yixian/db';
import { checkExtension } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { loadCategoryLimits } from '../deadlines/plan-deadlines.js';
import { loadWorkCalendar } from '../deadlines/work-calendar.service.js';
import type { ActionContext } from './run-ticket-action.js';
import { transitionTicket } from './transition-ticket.js';

const REFUSALS: Record<string, string> = {
  deadline_passed: 'An extension must be asked before the deadline',
  extension_used: 'This ticket has already been extended once',
  too_many_days: "An extension is longer than the category's extension limit (5 working days unless the category says otherwise)",
  invalid_days: 'days must be a whole number of working days, at least 1',
};

async function findPendingRequest(tx: Prisma.TransactionClient, ticketId: string) {
  const last = await tx.ticketEvent.findFirst({
    where: { ticketId, action: { in: ['request-extension', 'approve-extension'] } }, orderBy: { id: 'desc' },
  });
  return last?.action === 'request-extension' ? last : null;
}

async function check(tx: Prisma.TransactionClient, ticket: Ticket, days: number, now: Date) {
  if (!ticket.handleDueAt) throw new AppError('conflict', `Ticket ${ticket.code} has no deadline to extend`);
  const calendar = await loadWorkCalendar(tx);
  const { limits } = await loadCategoryLimits(tx, ticket.categoryId);
  const result = checkExtension({ replyBy: ticket.handleDueAt, requestedAt: now, days, granted: ticket.extensionCount }, calendar, limits);
  if (!result.ok) {
    const status = result.reason === 'too_many_days' || result.reason === 'invalid_days' ? 'validation_failed' : 'conflict';
    throw new AppError(status, REFUSALS[result.reason] ?? result.reason, { field: 'days', details: { reason: result.reason } });
  }
  return result.replyBy;
}

/** The unit's request. */
export async function requestExtension(context: ActionContext, body: { days: number; reason: string }): Promise<Ticket> {
  const { tx, ticket, actor, role, now } = context;
  if (await findPendingRequest(tx, ticket.id)) throw new AppError('conflict', 'An extension request is already waiting for a decision', { field: 'days' });
  const replyBy = await check(tx, ticket, body.days, now);
  const result = await transitionTicket(tx, ticket, {
    action: 'request-extension', to: ticket.state, actorId: actor.id, actorRole: role, now, reason: body.reason,
    data: { days: body.days, replyBy: replyBy.toISOString() },
  });
  return result.ticket;
}

/** The desk's decision; an approval moves the reply deadline and re-plans the jobs. */
export async function approveExtension(context: ActionContext, body: { approve: boolean; note?: string }): Promise<Ticket> {
  const { tx, ticket, actor, role, now } = context;
  const pending = await findPendingRequest(tx, ticket.id);
  if (!pending) throw new AppError('conflict', `Ticket ${ticket.code} has no extension request waiting`, { field: 'approve' });
  const days = Number((pending.data as { days?: unknown }).days);
  const base = { action: 'approve-extension', to: ticket.state, actorId: actor.id, actorRole: role, now, reason: body.note ?? null };
  if (!body.approve) {
    return (await transitionTicket(tx, ticket, { ...base, data: { approve: false, days } })).ticket;
  }
  // The deadline is the one in force when the unit asked, so a slow decision costs the unit nothing.
  const calendar = await loadWorkCalendar(tx);
  const replyBy = calendar.addWorkingDays(ticket.handleDueAt ?? now, days);
  const result = await transitionTicket(tx, ticket, {
    ...base, data: { approve: true, days, replyBy: replyBy.toISOString() },
    update: { extensionCount: { increment: 1 }, handleDueAt: replyBy }, trigger: 'extension_approved',
    ...(ticket.leadUnitId ? { notify: { unitId: ticket.leadUnitId, kind: 'extension' as const, title: `工单 ${ticket.code} 延期已批准` } } : {}),
  });
  return result.ticket;
}
