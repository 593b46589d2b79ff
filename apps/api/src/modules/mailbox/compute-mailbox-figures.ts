/**
 * 按期回复率 per mailbox: replied in time / letters due, with the statistics module's
 * definitions (`statistics/collect-indicator-sets.ts`, indicator `mailbox_on_time`) so that this
 * figure, the assessment and the monthly report agree: a letter is **due in the period** when a
 * handling episode of it (dispatch or reopen → the unit's reply) has its deadline in [from, to)
 * and it was replied or that deadline has passed at `now`; it is **replied in time** when every
 * such episode ended with the unit's reply at or before its deadline (an approved extension moves
 * the deadline; holidays count through the work calendar). Here the letters of one mailbox are
 * pooled over all units: due if due for any unit, in time if in time for every unit it was due for.
 * A period without letters gives 0 / 0 and a null rate.
 */
import type { PrismaClient } from '@yixian/db';
import { CATEGORY_LIMIT_SELECT, computeMailboxOnTimeReplyRate, resolveCategoryLimits, resolveTimeLimits, type ResolvedCategoryLimits } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { loadWorkCalendar } from '../deadlines/work-calendar.service.js';
import { collectIndicatorSets, type TrailTicket } from '../statistics/collect-indicator-sets.js';
import { MAILBOX_VALUES, type Mailbox } from './mailbox-enums.js';

/** Deadlines reach back at most 10 working days + a 5-day extension + holidays; with margin. */
const LOOKBACK_MS = 120 * 24 * 3600_000;

export interface MailboxFigure {
  mailbox: Mailbox;
  /** Letters received in [from, to). */
  received: number;
  lettersDue: number;
  repliedInTime: number;
  onTimeRate: number | null;
  dueTicketIds: string[];
  inTimeTicketIds: string[];
}

async function loadTrailTickets(prisma: PrismaClient, ids: string[], to: Date): Promise<TrailTicket[]> {
  const tickets = await prisma.ticket.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, kind: true, channel: true, urgency: true, fields: true, categoryId: true,
      events: { where: { at: { lt: to } }, orderBy: { id: 'asc' }, select: { action: true, toState: true, unitId: true, actorId: true, data: true, at: true } },
    },
  });
  return tickets.map(({ events, ...ticket }) => ({ ...ticket, trail: events }));
}

async function loadLimits(prisma: PrismaClient, tickets: TrailTicket[]) {
  const categories = await prisma.category.findMany({
    where: { id: { in: [...new Set(tickets.map((t) => t.categoryId))] } },
    select: { id: true, ...CATEGORY_LIMIT_SELECT },
  });
  const limits = new Map<string, ResolvedCategoryLimits>(categories.map((c) => [c.id, resolveCategoryLimits(c)]));
  return (id: string) => limits.get(id) ?? { limits: resolveTimeLimits() };
}

/** Every mailbox's figures for [from, to); see the module comment. */
export async function computeMailboxFigures(prisma: PrismaClient, query: { from: Date; to: Date; now: Date }): Promise<MailboxFigure[]> {
  if (Number.isNaN(query.from.getTime())) throw new AppError('validation_failed', 'from must be a valid time', { field: 'from' });
  if (Number.isNaN(query.to.getTime())) throw new AppError('validation_failed', 'to must be a valid time', { field: 'to' });
  if (query.to <= query.from) throw new AppError('validation_failed', 'to must be after from', { field: 'to' });
  const letters = await prisma.mailboxLetter.findMany({
    where: { createdAt: { gte: new Date(query.from.getTime() - LOOKBACK_MS), lt: query.to } },
    select: { ticketId: true, mailbox: true, createdAt: true },
  });
  const tickets = await loadTrailTickets(prisma, letters.map((l) => l.ticketId), query.to);
  const limitsFor = await loadLimits(prisma, tickets);
  const calendar = await loadWorkCalendar(prisma);
  return MAILBOX_VALUES.map((mailbox) => {
    const own = new Set(letters.filter((l) => l.mailbox === mailbox).map((l) => l.ticketId));
    const sets = collectIndicatorSets(tickets.filter((t) => own.has(t.id)), {
      from: query.from, to: query.to, now: query.now, calendar, limitsFor, unitOfUser: () => null,
    });
    const due = new Set<string>();
    const late = new Set<string>();
    for (const unit of sets.values()) {
      for (const id of unit.mailbox_on_time.denominator) {
        due.add(id);
        if (!unit.mailbox_on_time.numerator.has(id)) late.add(id);
      }
    }
    const inTime = [...due].filter((id) => !late.has(id)).sort();
    const received = letters.filter((l) => l.mailbox === mailbox && l.createdAt >= query.from && l.createdAt < query.to).length;
    return {
      mailbox, received, lettersDue: due.size, repliedInTime: inTime.length,
      onTimeRate: computeMailboxOnTimeReplyRate({ repliedInTime: inTime.length, lettersDue: due.size }),
      dueTicketIds: [...due].sort(), inTimeTicketIds: inTime,
    };
  });
}
