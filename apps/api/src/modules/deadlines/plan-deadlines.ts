/**
 * The deadline planner: the one place that turns a ticket's state change into due times and
 * the timed jobs that watch them. It runs inside the caller's transaction, so the ticket, its
 * due times and the outbox rows for its jobs commit (or roll back) together.
 */
import type { Prisma, Ticket } from '@yixian/db';
import {
  computeDeadlines, computeEscalationPoints, computeFollowUpBy, isChannel, isTicketKind, resolveCategoryLimits,
  type Channel, type ResolvedCategoryLimits, type TicketKind, type TimeLimits, type WorkCalendar,
} from '@yixian/domain';
import { findCachedCategory } from '../catalogue/category-cache.js';
import { addManyToOutbox, type OutboxEntry } from '../outbox/add-to-outbox.js';
import { OUTBOX_TOPICS } from '../outbox/outbox-topics.js';
import { deadlineJobId, listDeadlineSteps, STEP_ACTIONS, type DeadlineTimes } from './deadline-steps.js';
import { loadWorkCalendar } from './work-calendar.service.js';

/**
 * `complex_marked`: a mailbox letter was marked complex (复杂件); like `extension_approved` without
 * `extensionDays`, the caller has written the longer `handleDueAt` and the ladder is re-planned to it.
 * `replanned`: an administrator changed a category's limit or the work calendar (replan-deadlines.ts);
 * the caller has written the new due times and every step of the current state is planned again.
 */
export type DeadlineTrigger =
  | 'dispatched' | 'signed' | 'returned' | 'extension_approved' | 'complex_marked' | 'replied' | 'reopened' | 'closed'
  | 'reply_submitted' | 'reply_rejected' | 'verification_requested' | 'replanned';
export const DEADLINE_TRIGGERS: readonly DeadlineTrigger[] = Object.freeze(
  [
    'dispatched', 'signed', 'returned', 'extension_approved', 'complex_marked', 'replied', 'reopened', 'closed', 'reply_submitted', 'reply_rejected',
    'verification_requested', 'replanned',
  ] as const,
);

export interface PlanOptions {
  /**
   * For 'extension_approved': the working days granted; the reply deadline moves by that many
   * working days. Omit it when the caller already wrote the new `handleDueAt` on the ticket.
   */
  extensionDays?: number;
  /**
   * The calendar to count on, when the caller holds one the cache does not yet know (the work
   * calendar being replaced in the same transaction). Default: `loadWorkCalendar`.
   */
  calendar?: WorkCalendar;
}

/** The state the ticket is in once the trigger's transition is applied. */
const STATE_AFTER: Record<DeadlineTrigger, string | null> = {
  dispatched: 'dispatched', signed: 'signed', returned: 'returned', extension_approved: null, complex_marked: null, replanned: null,
  replied: 'replied', reopened: 'reopened', closed: 'closed', reply_submitted: 'reply_review', reply_rejected: 'in_progress',
  verification_requested: 'verifying',
};

type PlannedFields = Pick<Ticket, 'signDueAt' | 'handleDueAt' | 'followUpDueAt'>;

function assertTicketFields(ticket: Ticket): void {
  if (!isTicketKind(ticket.kind)) throw new TypeError(`planDeadlines: ticket.kind "${ticket.kind}" is not a ticket kind`);
  if (!isChannel(ticket.channel)) throw new TypeError(`planDeadlines: ticket.channel "${ticket.channel}" is not a channel`);
}

/** Trail actions that open a new handling window (a dispatch, a re-dispatch one level up, a reopening). */
const WINDOW_ACTIONS = ['dispatch', 'escalate', 'reopen'];

/**
 * Start of the current handling window, from the trail (business time): the escalation ladder
 * is measured from it, also after a reopening, which leaves `dispatchedAt` as it was.
 */
export async function handleWindowStart(tx: Prisma.TransactionClient, ticket: Ticket, now: Date): Promise<Date> {
  const events = await tx.ticketEvent.findMany({
    where: { ticketId: ticket.id, action: { in: WINDOW_ACTIONS } }, orderBy: { id: 'desc' }, take: 10, select: { action: true, data: true, at: true },
  });
  // An escalation that found no level above moved nothing: it opens no window.
  const opening = events.find((e) => e.action !== 'escalate' || (e.data as { escalated?: unknown } | null)?.escalated === true);
  return opening?.at ?? ticket.dispatchedAt ?? now;
}

/** A category's limits over the district defaults (category-limits.ts, the one reading of its columns). */
export async function loadCategoryLimits(tx: Prisma.TransactionClient, categoryId: string): Promise<ResolvedCategoryLimits> {
  const category = await findCachedCategory(tx, categoryId);
  if (!category) throw new TypeError(`planDeadlines: category "${categoryId}" does not exist`);
  return resolveCategoryLimits(category);
}

/** Due times after the trigger; `from` is the start of the handling window they count from. */
async function computeTimes(
  tx: Prisma.TransactionClient, ticket: Ticket, trigger: DeadlineTrigger, now: Date, calendar: WorkCalendar, options: PlanOptions,
): Promise<{ fields: PlannedFields; times: DeadlineTimes }> {
  const keep: PlannedFields = { signDueAt: ticket.signDueAt, handleDueAt: ticket.handleDueAt, followUpDueAt: ticket.followUpDueAt };
  const escalation = (from: Date, replyBy: Date | null, limits?: TimeLimits) =>
    replyBy ? computeEscalationPoints(from, replyBy, calendar, limits) : { reminderAt: null, noticeAt: null };
  switch (trigger) {
    case 'dispatched':
    case 'reopened': {
      assertTicketFields(ticket);
      const { limits, ...own } = await loadCategoryLimits(tx, ticket.categoryId);
      const fieldsJson = ticket.fields as Record<string, unknown> | null;
      const d = computeDeadlines({
        from: now, kind: ticket.kind as TicketKind, channel: ticket.channel as Channel, urgent: ticket.urgency === 'urgent',
        complex: fieldsJson?.complex === true, ...own,
      }, calendar, limits);
      const fields = { signDueAt: d.signBy, handleDueAt: d.replyBy, followUpDueAt: null };
      return { fields, times: { ...fields, reminderDueAt: d.reminderAt, noticeDueAt: d.noticeAt } };
    }
    // 回复审核 sent the reply back: the unit's reply deadline is the one it had (it kept counting
    // while the reply waited); the ladder is re-planned to it, steps already fired stay fired.
    case 'reply_rejected':
    case 'signed': {
      const points = escalation(await handleWindowStart(tx, ticket, now), ticket.handleDueAt);
      return { fields: keep, times: { ...keep, reminderDueAt: points.reminderAt, noticeDueAt: points.noticeAt } };
    }
    case 'extension_approved':
    case 'complex_marked': {
      const days = trigger === 'extension_approved' ? options.extensionDays : undefined;
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new RangeError('planDeadlines: extensionDays must be a positive integer');
      if (!ticket.handleDueAt) throw new TypeError('planDeadlines: an extension needs a ticket with a reply deadline (handleDueAt)');
      const handleDueAt = days ? calendar.addWorkingDays(ticket.handleDueAt, days) : ticket.handleDueAt;
      const fields = { ...keep, handleDueAt };
      const points = escalation(await handleWindowStart(tx, ticket, now), handleDueAt);
      return { fields, times: { ...fields, reminderDueAt: points.reminderAt, noticeDueAt: points.noticeAt } };
    }
    case 'replanned': {
      const handling = ['dispatched', 'signed', 'in_progress', 'reopened'].includes(ticket.state);
      const points = handling ? escalation(await handleWindowStart(tx, ticket, now), ticket.handleDueAt) : { reminderAt: null, noticeAt: null };
      return { fields: keep, times: { ...keep, reminderDueAt: points.reminderAt, noticeDueAt: points.noticeAt } };
    }
    case 'replied': {
      const fields = { ...keep, followUpDueAt: computeFollowUpBy(now, calendar) };
      return { fields, times: { ...fields, reminderDueAt: null, noticeDueAt: null } };
    }
    // A reply waiting for the centre's review: the unit has answered, so no step of the ladder
    // runs (reply_review is no handling state); the follow-up is planned on approval ('replied').
    // A reply waiting for the grid's on-site check likewise: the follow-up is planned when it passes.
    case 'reply_submitted':
    case 'verification_requested':
    case 'returned':
    case 'closed':
      return { fields: keep, times: { ...keep, reminderDueAt: null, noticeDueAt: null } };
  }
}

/** Steps (step + due time) whose system trail entry already exists: a re-plan must not fire them again. */
async function findFiredSteps(tx: Prisma.TransactionClient, ticketId: string): Promise<Set<string>> {
  const events = await tx.ticketEvent.findMany({
    where: { ticketId, actorRole: 'system', action: { in: [...new Set(Object.values(STEP_ACTIONS))] } },
    select: { data: true },
  });
  const fired = new Set<string>();
  for (const { data } of events) {
    const entry = data as { step?: unknown; dueAt?: unknown } | null;
    if (typeof entry?.step === 'string' && typeof entry.dueAt === 'string') fired.add(`${entry.step}@${entry.dueAt}`);
  }
  return fired;
}

/**
 * Called by T inside the SAME prisma.$transaction as the ticket's state change. Computes the
 * ticket's due times in working time (calendar from the work_calendar table), bumps
 * `deadlineVersion`, updates the ticket's signDueAt/handleDueAt/followUpDueAt, and writes outbox
 * rows for the jobs to run (reminder at 75%, supervision at due, notice at 5 working days
 * overdue, sign-for check, follow-up due). 'closed' (and merged/closed_at_intake) only bumps
 * the version so that every pending job is superseded. Returns the fields it wrote.
 *
 * A step that already fired for the same due time (its trail entry exists) is not planned again,
 * so signing a ticket after its reminder does not remind twice.
 */
export async function planDeadlines(
  tx: Prisma.TransactionClient, ticket: Ticket, trigger: DeadlineTrigger, now: Date, options: PlanOptions = {},
): Promise<Partial<Ticket>> {
  const plan = await prepareDeadlines(tx, ticket, trigger, now, options);
  const updated = await tx.ticket.update({
    where: { id: ticket.id },
    data: { ...plan.fields, deadlineVersion: { increment: 1 } },
    select: { deadlineVersion: true },
  });
  await writeDeadlineJobs(tx, ticket.id, plan, updated.deadlineVersion);
  return { ...plan.fields, deadlineVersion: updated.deadlineVersion };
}

/** The due times a trigger leads to, before they are written: what `planDeadlines` writes. */
export interface PreparedDeadlines {
  fields: PlannedFields;
  times: DeadlineTimes;
  /** The state the steps are planned for. */
  state: string;
}

/**
 * Triggers whose due times do not read the trail (the handling window's start): the transition
 * can work them out before it writes its trail entry, and write them in its own ticket update.
 */
export const TRAIL_FREE_TRIGGERS: readonly DeadlineTrigger[] = Object.freeze(
  ['dispatched', 'reopened', 'replied', 'closed', 'returned', 'reply_submitted', 'verification_requested'] as const,
);

/**
 * The first half of `planDeadlines`: due times for `ticket` as it is after the act. The caller
 * writes `fields` with `deadlineVersion` bumped by one, then calls `writeDeadlineJobs`.
 */
export async function prepareDeadlines(
  tx: Prisma.TransactionClient, ticket: Ticket, trigger: DeadlineTrigger, now: Date, options: PlanOptions = {},
): Promise<PreparedDeadlines> {
  if (!DEADLINE_TRIGGERS.includes(trigger)) throw new TypeError(`planDeadlines: unknown trigger "${String(trigger)}"`);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('planDeadlines: now must be a valid Date');
  const calendar = options.calendar ?? await loadWorkCalendar(tx);
  const { fields, times } = await computeTimes(tx, ticket, trigger, now, calendar, options);
  return { fields, times, state: STATE_AFTER[trigger] ?? ticket.state };
}

/** The outbox rows of the plan's steps under the new `version`, leaving out steps already fired. */
export async function deadlineJobEntries(tx: Prisma.TransactionClient, ticketId: string, plan: PreparedDeadlines, version: number): Promise<OutboxEntry[]> {
  const steps = listDeadlineSteps(plan.state, plan.times);
  // A step fires only from a planned job (version ≥ 1): on the ticket's first plan none can have fired.
  const fired = steps.length > 0 && version > 1 ? await findFiredSteps(tx, ticketId) : new Set<string>();
  return steps
    .filter(({ step, dueAt }) => !fired.has(`${step}@${dueAt.toISOString()}`))
    .map(({ step, dueAt }) => ({
      topic: OUTBOX_TOPICS.deadline_check,
      dedupeKey: deadlineJobId(ticketId, step, version),
      runAt: dueAt,
      payload: { ticketId, step, deadlineVersion: version, dueAt: dueAt.toISOString() },
    }));
}

/** The second half: the outbox rows of the plan's steps under the new `version`, skipping steps already fired. */
export async function writeDeadlineJobs(tx: Prisma.TransactionClient, ticketId: string, plan: PreparedDeadlines, version: number): Promise<void> {
  await addManyToOutbox(tx, await deadlineJobEntries(tx, ticketId, plan, version));
}
