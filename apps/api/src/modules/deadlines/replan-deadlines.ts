/**
 * Re-planning open tickets' deadlines after an administrator changed a category's limits or the
 * work calendar. The rule (README.md, "Re-planning"): only a deadline not yet reached, of a step
 * the ticket has not yet passed, moves — the sign-for deadline of a ticket still waiting to be
 * signed for, the reply deadline of a ticket a unit holds, the follow-up of a replied one. The
 * same function answers the preview (nothing written) and does the save (inside the change's
 * transaction), so the count shown before saving is the count re-planned.
 */
import type { Prisma, Ticket } from '@yixian/db';
import {
  computeDeadlines, computeFollowUpBy, isChannel, isTicketKind,
  type ResolvedCategoryLimits, type TicketKind, type Channel, type WorkCalendar,
} from '@yixian/domain';
import { recordTicketEvent } from '../tickets/record-ticket-event.js';
import { HANDLING_STATES } from './deadline-steps.js';
import { handleWindowStart, planDeadlines } from './plan-deadlines.js';

/** Why the deadlines moved; written into each ticket's trail entry. */
export type ReplanCause =
  | { kind: 'category_limit'; categoryId: string }
  | { kind: 'work_calendar'; year: number };

export const REPLAN_ACTION = 'replan-deadline';

/** States whose sign-for deadline is still ahead of the unit. */
const AWAITING_SIGN = ['dispatched', 'reopened'];
/** Every state that may hold a deadline a re-plan can move. */
export const REPLANNABLE_STATES = [...HANDLING_STATES, 'replied'];

type DueTimes = Pick<Ticket, 'signDueAt' | 'handleDueAt' | 'followUpDueAt'>;

export interface ReplanChange {
  ticket: Ticket;
  before: DueTimes;
  after: DueTimes;
}

export interface ReplanInput {
  /** Which open tickets to look at (a category, or every open ticket). */
  where: Prisma.TicketWhereInput;
  calendar: WorkCalendar;
  limitsFor: (categoryId: string) => ResolvedCategoryLimits;
  now: Date;
}

/** Working days granted by approved extensions, from the trail (`approve-extension` carries its days). */
async function extensionDaysGranted(tx: Prisma.TransactionClient, ticketId: string): Promise<number> {
  const events = await tx.ticketEvent.findMany({ where: { ticketId, action: 'approve-extension' }, select: { data: true } });
  return events.reduce((sum, event) => {
    const data = (event.data ?? {}) as { days?: unknown; approve?: unknown };
    return data.approve === true && typeof data.days === 'number' ? sum + data.days : sum;
  }, 0);
}

const later = (due: Date | null, now: Date): due is Date => due !== null && due > now;
const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The due times a ticket would have under `calendar` and its category's limits; unchanged where the rule excludes it. */
async function replanOne(tx: Prisma.TransactionClient, ticket: Ticket, input: ReplanInput): Promise<DueTimes> {
  const after: DueTimes = { signDueAt: ticket.signDueAt, handleDueAt: ticket.handleDueAt, followUpDueAt: ticket.followUpDueAt };
  const { calendar, now } = input;
  if (ticket.state === 'replied') {
    if (later(ticket.followUpDueAt, now) && ticket.repliedAt) after.followUpDueAt = computeFollowUpBy(ticket.repliedAt, calendar);
    return after;
  }
  const handling = (HANDLING_STATES as readonly string[]).includes(ticket.state);
  const movesSign = AWAITING_SIGN.includes(ticket.state) && later(ticket.signDueAt, now);
  const movesHandle = handling && later(ticket.handleDueAt, now);
  if (!movesSign && !movesHandle) return after;
  if (!isTicketKind(ticket.kind) || !isChannel(ticket.channel)) return after;
  const from = await handleWindowStart(tx, ticket, now);
  const { limits, ...own } = input.limitsFor(ticket.categoryId);
  const fields = ticket.fields as Record<string, unknown> | null;
  const planned = computeDeadlines({
    from, kind: ticket.kind as TicketKind, channel: ticket.channel as Channel, urgent: ticket.urgency === 'urgent',
    complex: fields?.complex === true, ...own,
  }, calendar, limits);
  if (movesSign) after.signDueAt = planned.signBy;
  if (movesHandle) {
    const extended = ticket.extensionCount > 0 ? await extensionDaysGranted(tx, ticket.id) : 0;
    after.handleDueAt = extended > 0 ? calendar.addWorkingDays(planned.replyBy, extended) : planned.replyBy;
    // A new deadline that has already passed would supervise at once for a rule the unit never had: it stops at now.
    if (after.handleDueAt <= now) after.handleDueAt = ticket.handleDueAt;
  }
  if (after.signDueAt && after.signDueAt <= now) after.signDueAt = ticket.signDueAt;
  return after;
}

/** Every open ticket whose deadlines the change would move, with its due times before and after. Writes nothing. */
export async function findReplans(tx: Prisma.TransactionClient, input: ReplanInput): Promise<ReplanChange[]> {
  const tickets = await tx.ticket.findMany({
    where: { AND: [input.where, { state: { in: REPLANNABLE_STATES } }] }, orderBy: { code: 'asc' },
  });
  const changes: ReplanChange[] = [];
  for (const ticket of tickets) {
    const after = await replanOne(tx, ticket, input);
    const before: DueTimes = { signDueAt: ticket.signDueAt, handleDueAt: ticket.handleDueAt, followUpDueAt: ticket.followUpDueAt };
    if (!same(before.signDueAt, after.signDueAt) || !same(before.handleDueAt, after.handleDueAt) || !same(before.followUpDueAt, after.followUpDueAt)) {
      changes.push({ ticket, before, after });
    }
  }
  return changes;
}

export interface ApplyReplanInput {
  cause: ReplanCause;
  actorId: string | null;
  calendar: WorkCalendar;
  now: Date;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * Writes each change: the new due times, a `replan-deadline` trail entry saying why (which also
 * marks the ticket's statistics facts for re-derivation, through the trail's trigger), and the
 * re-planned deadline jobs in the outbox (`planDeadlines` 'replanned': the old jobs are superseded
 * by the version bump).
 */
export async function applyReplans(tx: Prisma.TransactionClient, changes: readonly ReplanChange[], input: ApplyReplanInput): Promise<void> {
  for (const { ticket, before, after } of changes) {
    const updated = await tx.ticket.update({ where: { id: ticket.id }, data: after });
    await recordTicketEvent(tx, {
      ticketId: ticket.id, action: REPLAN_ACTION, fromState: ticket.state, toState: ticket.state,
      actorId: input.actorId, actorRole: 'admin', unitId: ticket.leadUnitId, at: input.now,
      data: {
        cause: input.cause,
        before: { signDueAt: iso(before.signDueAt), handleDueAt: iso(before.handleDueAt), followUpDueAt: iso(before.followUpDueAt) },
        after: { signDueAt: iso(after.signDueAt), handleDueAt: iso(after.handleDueAt), followUpDueAt: iso(after.followUpDueAt) },
        ...(same(before.handleDueAt, after.handleDueAt) ? {} : { replyBy: iso(after.handleDueAt) }),
      },
    });
    await planDeadlines(tx, updated, 'replanned', input.now, { calendar: input.calendar });
  }
}

/** What a preview shows: the count and the first few tickets, by code, with their due before and after. */
type DueView = Record<keyof DueTimes, string | null>;
export interface ReplanPreview {
  count: number;
  sample: { ticketId: string; code: string; categoryId: string; categoryName: string; state: string; before: DueView; after: DueView }[];
}

export const PREVIEW_SAMPLE = 20;

export async function describeReplans(tx: Prisma.TransactionClient, changes: readonly ReplanChange[]): Promise<ReplanPreview> {
  const shown = changes.slice(0, PREVIEW_SAMPLE);
  const categories = await tx.category.findMany({ where: { id: { in: [...new Set(shown.map((c) => c.ticket.categoryId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(categories.map((c) => [c.id, c.name]));
  const view = (times: DueTimes): DueView => ({ signDueAt: iso(times.signDueAt), handleDueAt: iso(times.handleDueAt), followUpDueAt: iso(times.followUpDueAt) });
  return {
    count: changes.length,
    sample: shown.map(({ ticket, before, after }) => ({
      ticketId: ticket.id, code: ticket.code, categoryId: ticket.categoryId, categoryName: nameOf.get(ticket.categoryId) ?? '', state: ticket.state,
      before: view(before), after: view(after),
    })),
  };
}
