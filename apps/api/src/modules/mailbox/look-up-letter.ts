/**
 * The citizen's view of a letter, found by its query code: where it stands and the unit's
 * reply. A wrong code is a plain 404 that says nothing about which letters exist; the answer
 * never carries the writer's name or phone, nor which unit or person handles it.
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { LETTER_STATUSES, type LetterStatus } from './mailbox-enums.js';
import { hashQueryCode } from './query-code.js';

const STATUS_OF_STATE: Record<string, LetterStatus> = {
  accepted: LETTER_STATUSES.received,
  dispatched: LETTER_STATUSES.received,
  returned: LETTER_STATUSES.received,
  signed: LETTER_STATUSES.processing,
  in_progress: LETTER_STATUSES.processing,
  // 回复待审: the unit has replied but the centre has not approved it; the citizen sees 办理中.
  reply_review: LETTER_STATUSES.processing,
  // 待核查: the grid checks the unit's work on site before the reply goes out.
  verifying: LETTER_STATUSES.processing,
  reopened: LETTER_STATUSES.processing,
  replied: LETTER_STATUSES.replied,
  follow_up: LETTER_STATUSES.replied,
  closed: LETTER_STATUSES.closed,
  closed_at_intake: LETTER_STATUSES.closed,
  merged: LETTER_STATUSES.closed,
};

/**
 * The answer the citizen may read: the latest reply (a reopened letter is replied again) if it
 * went out at once (its trail entry led to `replied`), or once what it waited for passed after it:
 * the desk's approval, or the grid's on-site check leading to `replied`. A reply waiting for
 * either, sent back, or failed on site is not shown.
 */
async function findPublishedReply(prisma: PrismaClient, ticketId: string) {
  const reply = await prisma.ticketEvent.findFirst({ where: { ticketId, action: 'reply' }, orderBy: { id: 'desc' } });
  if (!reply || (reply.toState !== 'reply_review' && reply.toState !== 'verifying')) return reply;
  const passed = await prisma.ticketEvent.findFirst({
    where: { ticketId, id: { gt: reply.id }, OR: [{ action: 'approve-reply' }, { action: 'verify', toState: 'replied' }] }, select: { id: true },
  });
  return passed ? reply : null;
}

/** Finds the letter behind a code (400 for a malformed code, 404 for an unknown one). */
export async function lookUpLetter(prisma: PrismaClient, code: string) {
  const letter = await prisma.mailboxLetter.findUnique({ where: { codeHash: hashQueryCode(code) }, include: { attachments: { select: { fileName: true } } } });
  const ticket = letter ? await prisma.ticket.findUnique({ where: { id: letter.ticketId } }) : null;
  if (!letter || !ticket) throw new AppError('not_found', 'No letter matches this query code', { field: 'code' });
  const reply = await findPublishedReply(prisma, ticket.id);
  const content = (reply?.data as { content?: unknown } | null)?.content;
  return {
    mailbox: letter.mailbox,
    ticketCode: ticket.code,
    subject: ticket.title,
    submittedAt: letter.createdAt.toISOString(),
    status: STATUS_OF_STATE[ticket.state] ?? LETTER_STATUSES.processing,
    replyDueAt: ticket.handleDueAt?.toISOString() ?? null,
    reply: reply && typeof content === 'string' ? { content, repliedAt: reply.at.toISOString() } : null,
    attachments: letter.attachments.map((file) => file.fileName),
  };
}
