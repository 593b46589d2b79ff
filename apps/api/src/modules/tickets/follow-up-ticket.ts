/**
 * 回访 and 办结. The centre calls the citizen back: satisfied, basically satisfied or unreachable
 * leave the ticket in follow_up for the centre to close; not satisfied reopens it to the same
 * unit at once (a `reopen` entry in the trail with `viaFollowUp`, which the redo rate counts).
 */
import type { Prisma, Ticket } from '@yixian/db';
import type { FollowUpVerdict } from '@yixian/domain';
import type { ActionContext } from './run-ticket-action.js';
import { transitionTicket } from './transition-ticket.js';

async function reopen(
  tx: Prisma.TransactionClient, ticket: Ticket,
  input: { actorId: string; role: string; now: Date; reason: string | null; data: Record<string, unknown>; title?: string },
) {
  const result = await transitionTicket(tx, ticket, {
    action: 'reopen', to: 'reopened', actorId: input.actorId, actorRole: input.role, now: input.now, reason: input.reason,
    update: { repliedAt: null, signedAt: null }, data: input.data, trigger: 'reopened',
    ...(ticket.leadUnitId
      ? { notify: { unitId: ticket.leadUnitId, kind: 'reopen' as const, title: input.title ?? `工单 ${ticket.code} 重办`, ...(input.reason ? { body: input.reason } : {}) } }
      : {}),
  });
  return result.ticket;
}

/** Records the verdict; not_satisfied reopens in the same transaction. */
export async function followUpTicket(context: ActionContext, body: { verdict: FollowUpVerdict; note?: string }): Promise<Ticket> {
  const { tx, ticket, actor, role, next, now } = context;
  const step = await transitionTicket(tx, ticket, {
    action: 'follow-up', to: next, actorId: actor.id, actorRole: role, now, reason: body.note ?? null,
    update: { verdict: body.verdict }, data: { verdict: body.verdict },
  });
  if (body.verdict !== 'not_satisfied') return step.ticket;
  return reopen(tx, step.ticket, { actorId: actor.id, role, now, reason: body.note ?? null, data: { viaFollowUp: true, verdict: body.verdict } });
}

/** 重办 by the centre (outside a follow-up call), or after a failed on-site check (verification.ts: `data.viaVerification`). */
export async function reopenTicket(context: ActionContext, body: { reason: string }, data: Record<string, unknown> = {}, title?: string): Promise<Ticket> {
  return reopen(context.tx, context.ticket, { actorId: context.actor.id, role: context.role, now: context.now, reason: body.reason, data, ...(title ? { title } : {}) });
}

/** 办结 by the centre (or by a grid member closing a matter handled on the spot, `data.onSpot`); the police loop closes with it. */
export async function closeTicket(context: ActionContext, body: { verdict?: FollowUpVerdict; note?: string }, data?: Record<string, unknown>): Promise<Ticket> {
  const { tx, ticket, actor, role, next, now } = context;
  const result = await transitionTicket(tx, ticket, {
    action: 'close', to: next, actorId: actor.id, actorRole: role, now, reason: body.note ?? null,
    update: {
      closedAt: now,
      ...(body.verdict ? { verdict: body.verdict } : {}),
      ...(ticket.ticketClass === 'police' ? { policeState: 'closed' } : {}),
    },
    data: { ...(body.verdict ? { verdict: body.verdict } : {}), ...data }, trigger: 'closed',
  });
  return result.ticket;
}
