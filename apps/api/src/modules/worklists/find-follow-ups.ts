/**
 * 回访: replied tickets (and those in follow-up) in the actor's scope, the most due first. A ticket
 * leaves the list when its follow-up is recorded (it moves on). When its number proved wrong or
 * CALLBACK_MAX_ATTEMPTS calls failed to reach the citizen, it stays, marked `isExhausted`, until
 * someone records it as 无法联系 and closes it — it is never dropped while still 已回复.
 */
import type { CallbackAttempt, PrismaClient } from '@yixian/db';
import { CALLBACK_RESULTS, TICKET_STATES, maskPhone, type CallbackRules } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';
import { ticketScopeWhere } from '../tickets/ticket-scope.js';
import { agentNamesOf, progressOf } from './attempt-presenter.js';
import { toDialableNumber } from './dialable-number.js';
import type { FollowUpCase } from './worklists.schemas.js';

const MAX_ROWS = 300;
const SUMMARY_LENGTH = 80;

export async function findFollowUps(prisma: PrismaClient, actor: Actor, rules: CallbackRules): Promise<FollowUpCase[]> {
  const tickets = await prisma.ticket.findMany({
    where: { AND: [ticketScopeWhere(actor), { state: { in: [TICKET_STATES.replied, TICKET_STATES.follow_up] } }] },
    orderBy: [{ followUpDueAt: { sort: 'asc', nulls: 'last' } }, { repliedAt: 'asc' }],
    take: MAX_ROWS,
    include: { leadUnit: { select: { name: true, nameEn: true } } },
  });
  const ids = tickets.map((t) => t.id);
  const [replies, attempts] = ids.length === 0 ? [[], []] : await Promise.all([
    prisma.ticketEvent.findMany({ where: { ticketId: { in: ids }, action: 'reply' }, orderBy: { id: 'desc' }, select: { ticketId: true, data: true } }),
    prisma.callbackAttempt.findMany({ where: { ticketId: { in: ids } } }),
  ]);
  const replyOf = new Map<string, string>();
  for (const reply of replies) {
    const content = (reply.data as { content?: unknown }).content;
    if (!replyOf.has(reply.ticketId) && typeof content === 'string') replyOf.set(reply.ticketId, content);
  }
  const names = await agentNamesOf(prisma, attempts);
  const attemptsOf = new Map<string, CallbackAttempt[]>();
  for (const attempt of attempts) attemptsOf.set(attempt.ticketId!, [...(attemptsOf.get(attempt.ticketId!) ?? []), attempt]);

  const cases: FollowUpCase[] = [];
  for (const ticket of tickets) {
    const own = attemptsOf.get(ticket.id) ?? [];
    const { progress, fields } = progressOf(own, rules, names);
    // Reaching the citizen is not the end here: the verdict is (the ticket then leaves the state).
    const isReached = own.some((a) => a.result === CALLBACK_RESULTS.answered);
    const reply = replyOf.get(ticket.id) ?? null;
    cases.push({
      ticketId: ticket.id,
      code: ticket.code,
      title: ticket.title,
      state: ticket.state,
      confidential: ticket.confidential,
      callerNumber: ticket.callerNumber ? maskPhone(ticket.callerNumber) : null,
      hotlineNumber: ticket.hotlineNumber,
      unitName: ticket.leadUnit?.name ?? null,
      unitNameEn: ticket.leadUnit?.nameEn ?? null,
      replySummary: reply && reply.length > SUMMARY_LENGTH ? `${reply.slice(0, SUMMARY_LENGTH)}…` : reply,
      repliedAt: ticket.repliedAt?.toISOString() ?? null,
      followUpDueAt: ticket.followUpDueAt?.toISOString() ?? null,
      ...fields,
      isExhausted: progress.isDone && !isReached,
      canDial: toDialableNumber(ticket.callerNumber) !== null,
    });
  }
  return cases;
}
