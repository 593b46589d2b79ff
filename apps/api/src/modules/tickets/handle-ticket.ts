/**
 * A unit's acts on a ticket it leads: 签收 sign, 办理 start, 回复 reply, 退单 return.
 * A return must come within the return window (1 working day after dispatch) with a coded
 * reason; it then waits for the dispatcher's ruling (see dispatch-ticket.ts).
 */
import type { Ticket } from '@yixian/db';
import { stateAfterReply, type Channel, type ReturnReason } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { bindActAttachments, checkActAttachments } from '../attachments/attach-to-act.js';
import { loadWorkCalendar } from '../deadlines/work-calendar.service.js';
import type { ActionContext } from './run-ticket-action.js';
import { isReplyReviewed } from './review-reply.js';
import { findVerificationNeed } from './verification.js';
import { transitionTicket } from './transition-ticket.js';

const RETURN_WINDOW_DAYS = 1;

/** The files an act carries (uploaded first: attachments module) and the configured most per act. */
export interface ActFiles {
  attachmentIds?: readonly string[] | undefined;
  maxFiles: number;
}

/** 签收; `data` marks the entry (an on-spot handling's `onSpot`). */
export async function signTicket({ tx, ticket, actor, role, next, now }: ActionContext, note?: string, data?: Record<string, unknown>): Promise<Ticket> {
  const result = await transitionTicket(tx, ticket, {
    action: 'sign', to: next, actorId: actor.id, actorRole: role, now, reason: note ?? null,
    update: { signedAt: now }, trigger: 'signed', ...(data ? { data } : {}),
  });
  return result.ticket;
}

/** 办理: handling starts. */
export async function startTicket({ tx, ticket, actor, role, next, now }: ActionContext, note?: string): Promise<Ticket> {
  return (await transitionTicket(tx, ticket, { action: 'start', to: next, actorId: actor.id, actorRole: role, now, reason: note ?? null })).ticket;
}

/**
 * 回复: the unit's result; for a police ticket this is the police feedback. On a channel with
 * reply review (review-reply.ts) it waits in `reply_review` for the centre; `repliedAt` is the
 * unit's reply time either way (the figures count it, not the approval). Before either, a reply the
 * grid must check on site waits in `verifying` and the grid's team is told (verification.ts).
 * `options.data` marks the
 * entry (an on-spot handling's `onSpot`, which its "after" photos look for).
 */
export async function replyTicket(
  { tx, ticket, actor, role, now }: ActionContext, content: string,
  options: { reviewChannels?: readonly Channel[] | null; files?: ActFiles; data?: Record<string, unknown> } = {},
): Promise<Ticket> {
  const text = content.trim();
  if (!text) throw new AppError('validation_failed', 'A reply needs content', { field: 'content' });
  const attachmentIds = options.files
    ? await checkActAttachments(tx, { ticketId: ticket.id, actorId: actor.id, act: 'reply', ...options.files })
    : [];
  const isReviewed = await isReplyReviewed(tx, ticket.channel, options.reviewChannels ?? null);
  const check = await findVerificationNeed(tx, ticket);
  const result = await transitionTicket(tx, ticket, {
    action: 'reply', to: stateAfterReply(isReviewed, check.needed), actorId: actor.id, actorRole: role, now,
    update: { repliedAt: now, ...(ticket.ticketClass === 'police' ? { policeState: 'police_feedback' } : {}) },
    data: {
      content: text, ...(isReviewed ? { review: true } : {}), ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
      ...(check.needed ? { verification: 'requested' } : check.skipped ? { verification: check.skipped } : {}), ...options.data,
    },
    trigger: check.needed ? 'verification_requested' : isReviewed ? 'reply_submitted' : 'replied',
    ...(check.needed
      ? { notify: { unitId: check.gridTeamUnitId, kind: 'verification' as const, title: `工单 ${ticket.code} 已回复，请到现场核查` } }
      : {}),
  });
  await bindActAttachments(tx, attachmentIds, result.eventId);
  return result.ticket;
}

/** 退单, with a coded reason, inside the return window. */
export async function returnTicket(
  { tx, ticket, actor, role, next, now }: ActionContext,
  body: { reasonCode: ReturnReason; note: string; attachmentIds?: readonly string[] },
  files?: Pick<ActFiles, 'maxFiles'>,
): Promise<Ticket> {
  if (ticket.dispatchedAt) {
    const calendar = await loadWorkCalendar(tx);
    const returnBy = calendar.addWorkingDays(ticket.dispatchedAt, RETURN_WINDOW_DAYS);
    if (now.getTime() > returnBy.getTime()) {
      throw new AppError('conflict', `The return window closed at ${returnBy.toISOString()}`, { field: 'reasonCode', details: { returnBy: returnBy.toISOString() } });
    }
  }
  const attachmentIds = files
    ? await checkActAttachments(tx, { ticketId: ticket.id, actorId: actor.id, act: 'return', attachmentIds: body.attachmentIds, maxFiles: files.maxFiles })
    : [];
  const result = await transitionTicket(tx, ticket, {
    action: 'return', to: next, actorId: actor.id, actorRole: role, now, unitId: ticket.leadUnitId,
    reason: body.note, data: { reasonCode: body.reasonCode, ...(attachmentIds.length > 0 ? { attachmentIds } : {}) }, trigger: 'returned',
  });
  await bindActAttachments(tx, attachmentIds, result.eventId);
  return result.ticket;
}
