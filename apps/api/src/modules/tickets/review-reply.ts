/**
 * 回复审核: on a channel with reply review on (the mailbox, by default) a unit's reply waits in
 * `reply_review` until the centre desk (dispatcher, shift lead) approves it (→ `replied`: the
 * citizen's lookup shows it, the follow-up is planned) or sends it back with a reason (→
 * `in_progress`, the unit is told; its reply deadline kept counting all along). Every act is in
 * the trail. Which channels are reviewed: the `channel_setting` table (seeded by its migration),
 * unless REPLY_REVIEW_CHANNELS overrides it (`app.config.replyReviewChannels`).
 */
import type { Prisma, Ticket } from '@yixian/db';
import { CHANNELS, type Channel } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { ActionContext } from './run-ticket-action.js';
import { transitionTicket } from './transition-ticket.js';

/** When a channel has no settings row: only mailbox letters are reviewed. */
const DEFAULT_REVIEWED: readonly string[] = [CHANNELS.mailbox];

/** Whether a reply on `channel` waits for review; `override` is the config's channel list, if set. */
export async function isReplyReviewed(tx: Prisma.TransactionClient, channel: string, override: readonly Channel[] | null): Promise<boolean> {
  if (override) return (override as readonly string[]).includes(channel);
  const setting = await tx.channelSetting.findUnique({ where: { channel } });
  return setting ? setting.replyReview : DEFAULT_REVIEWED.includes(channel);
}

/** 审核通过: the reply goes public as it was written; the follow-up counts from now. */
export async function approveReply({ tx, ticket, actor, role, next, now }: ActionContext, note?: string): Promise<Ticket> {
  const reply = await findReplyUnderReview(tx, ticket);
  const result = await transitionTicket(tx, ticket, {
    action: 'approve-reply', to: next, actorId: actor.id, actorRole: role, now, reason: note?.trim() || null,
    data: { replyEventId: reply.id.toString(), repliedAt: reply.at.toISOString() }, trigger: 'replied',
  });
  return result.ticket;
}

/** 退回: the reply goes back to the unit's handling with the reason, and the unit is told. */
export async function rejectReply({ tx, ticket, actor, role, next, now }: ActionContext, reason: string): Promise<Ticket> {
  const text = reason.trim();
  if (!text) throw new AppError('validation_failed', 'Sending a reply back needs a reason', { field: 'reason' });
  const reply = await findReplyUnderReview(tx, ticket);
  const result = await transitionTicket(tx, ticket, {
    action: 'reject-reply', to: next, actorId: actor.id, actorRole: role, now, reason: text,
    update: { repliedAt: null },
    data: { replyEventId: reply.id.toString() }, trigger: 'reply_rejected',
    ...(ticket.leadUnitId
      ? { notify: { unitId: ticket.leadUnitId, kind: 'reply_rejected' as const, title: `工单 ${ticket.code} 的回复被退回，请重新回复`, body: text } }
      : {}),
  });
  return result.ticket;
}

/** The reply the ticket waits with: its latest `reply` entry. */
async function findReplyUnderReview(tx: Prisma.TransactionClient, ticket: Ticket) {
  const reply = await tx.ticketEvent.findFirst({ where: { ticketId: ticket.id, action: 'reply' }, orderBy: { id: 'desc' } });
  if (!reply) throw new AppError('conflict', `Ticket ${ticket.code} has no reply to review`, { details: { state: ticket.state } });
  return reply;
}
