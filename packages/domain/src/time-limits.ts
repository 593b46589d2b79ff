import { ESCALATION_STEPS, TICKET_KINDS, type Channel, type EscalationStep, type TicketKind } from './ticket-enums';
import type { WorkingTimeLimit } from './category-limits';
import type { WorkCalendar } from './work-calendar';

const MINUTE = 60_000;

/** The district's default limits (DOMAIN.md); a category or deployment may override any of them. */
export interface TimeLimits {
  /** Sign-for, in working hours. */
  readonly signHours: number;
  /** Urgent sign-for when dispatched in office hours, in clock minutes. */
  readonly urgentSignMinutes: number;
  /** Urgent sign-for when dispatched outside office hours (duty roster), in clock minutes. */
  readonly urgentOffHoursSignMinutes: number;
  /** Handling limit by kind, in working days. */
  readonly handleDays: Readonly<Record<TicketKind, number>>;
  readonly mailboxDays: number;
  readonly mailboxComplexDays: number;
  /** Urgent tickets reply the same working day: 0 working days. */
  readonly urgentReplyDays: number;
  readonly returnDays: number;
  readonly maxExtensionDays: number;
  readonly maxExtensions: number;
  readonly followUpDays: number;
  /** Share of the handling time after which the reminder (催办) falls due. */
  readonly reminderRatio: number;
  /** Working days overdue after which a notice (通报) falls due. */
  readonly noticeOverdueDays: number;
}

export const DEFAULT_TIME_LIMITS: TimeLimits = Object.freeze({
  signHours: 1,
  urgentSignMinutes: 30,
  urgentOffHoursSignMinutes: 120,
  handleDays: Object.freeze({
    [TICKET_KINDS.consultation]: 2,
    [TICKET_KINDS.help_request]: 5,
    [TICKET_KINDS.suggestion]: 5,
    [TICKET_KINDS.complaint]: 15,
    [TICKET_KINDS.report]: 15,
    // Not in the district's table: praise is passed on to the unit like a suggestion.
    [TICKET_KINDS.praise]: 5,
  }),
  mailboxDays: 3,
  mailboxComplexDays: 10,
  urgentReplyDays: 0,
  returnDays: 1,
  maxExtensionDays: 5,
  maxExtensions: 1,
  followUpDays: 1,
  reminderRatio: 0.75,
  noticeOverdueDays: 5,
});

export type TimeLimitOverrides = Partial<Omit<TimeLimits, 'handleDays'>> & {
  readonly handleDays?: Partial<Record<TicketKind, number>>;
};

function assertNonNegative(value: unknown, field: string, integer: boolean): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${field} must be a non-negative ${integer ? 'integer' : 'number'}`);
  }
}

/**
 * Merges a deployment's or category's overrides over the defaults and checks
 * them, so a bad configuration fails when saved rather than at deadline time.
 */
export function resolveTimeLimits(overrides: TimeLimitOverrides = {}): TimeLimits {
  const limits: TimeLimits = {
    ...DEFAULT_TIME_LIMITS,
    ...overrides,
    handleDays: { ...DEFAULT_TIME_LIMITS.handleDays, ...overrides.handleDays },
  };
  const dayFields = ['mailboxDays', 'mailboxComplexDays', 'urgentReplyDays', 'returnDays', 'maxExtensionDays',
    'maxExtensions', 'followUpDays', 'noticeOverdueDays'] as const;
  for (const field of dayFields) assertNonNegative(limits[field], field, true);
  for (const field of ['signHours', 'urgentSignMinutes', 'urgentOffHoursSignMinutes'] as const) {
    assertNonNegative(limits[field], field, false);
  }
  for (const [kind, days] of Object.entries(limits.handleDays)) assertNonNegative(days, `handleDays.${kind}`, true);
  if (!(limits.reminderRatio > 0 && limits.reminderRatio <= 1)) {
    throw new RangeError('reminderRatio must be greater than 0 and at most 1');
  }
  return limits;
}

export interface DeadlineInput {
  /** When the clock starts: dispatch for tickets, receipt for mailbox letters. */
  readonly from: Date;
  readonly kind: TicketKind;
  readonly channel: Channel;
  readonly urgent?: boolean;
  /** Mailbox letters marked complex get the longer limit. */
  readonly complex?: boolean;
  /** The category's own handling limit in working days, when it has one. */
  readonly handleDays?: number;
  /** The category's own reply limit in working days or hours (category-limits.ts); beats `handleDays`. */
  readonly handleLimit?: WorkingTimeLimit;
  /** The category's own sign-for limit in working days or hours; beats `limits.signHours` (urgent still wins). */
  readonly signLimit?: WorkingTimeLimit;
}

export interface Deadlines {
  readonly signBy: Date;
  /** A return (退单) after this instant is refused. */
  readonly returnBy: Date;
  readonly replyBy: Date;
  readonly reminderAt: Date;
  readonly supervisionAt: Date;
  readonly noticeAt: Date;
  /** The handling limit applied, in working days (0 = same day). */
  readonly handleDays: number;
}

/**
 * The handling limit for one ticket in working days: urgent beats mailbox beats category beats
 * kind. A category limit in working hours gives 0 here; `computeDeadlines` counts its hours.
 */
export function resolveHandleDays(input: DeadlineInput, limits: TimeLimits = DEFAULT_TIME_LIMITS): number {
  if (input.urgent) return limits.urgentReplyDays;
  if (input.channel === 'mailbox') return input.complex ? limits.mailboxComplexDays : limits.mailboxDays;
  if (input.handleLimit?.unit === 'working_days') return input.handleLimit.amount;
  if (input.handleLimit?.unit === 'working_hours') return 0;
  if (input.handleDays !== undefined) {
    assertNonNegative(input.handleDays, 'handleDays', true);
    return input.handleDays;
  }
  return limits.handleDays[input.kind];
}

/**
 * The escalation ladder for a handling window: reminder at `reminderRatio` of
 * the working time, supervision at the deadline, notice `noticeOverdueDays`
 * working days after it. Recomputed after an approved extension.
 */
export function computeEscalationPoints(
  from: Date, replyBy: Date, calendar: WorkCalendar, limits: TimeLimits = DEFAULT_TIME_LIMITS,
): Pick<Deadlines, 'reminderAt' | 'supervisionAt' | 'noticeAt'> {
  const window = Math.max(0, calendar.workingMinutesBetween(from, replyBy));
  return {
    reminderAt: calendar.addWorkingHours(from, (window * limits.reminderRatio) / 60),
    supervisionAt: replyBy,
    noticeAt: calendar.addWorkingDays(replyBy, limits.noticeOverdueDays),
  };
}

/**
 * Every deadline of a newly dispatched ticket. Normal sign-for counts working
 * hours; urgent sign-for counts clock minutes (30 in office hours, 120 outside,
 * when the tier-1 duty roster answers), which is how DOMAIN.md's "30 minutes"
 * and "2 hours" fit together.
 */
export function computeDeadlines(
  input: DeadlineInput, calendar: WorkCalendar, limits: TimeLimits = DEFAULT_TIME_LIMITS,
): Deadlines {
  if (!(input.from instanceof Date) || Number.isNaN(input.from.getTime())) {
    throw new TypeError('from must be a valid Date');
  }
  if (!(input.kind in limits.handleDays)) throw new RangeError(`kind: unknown ticket kind "${String(input.kind)}"`);
  const handleDays = resolveHandleDays(input, limits);
  const urgentSignMinutes = calendar.isOfficeTime(input.from)
    ? limits.urgentSignMinutes
    : limits.urgentOffHoursSignMinutes;
  const signLimit = input.signLimit ?? { amount: limits.signHours, unit: 'working_hours' as const };
  const signBy = input.urgent
    ? new Date(input.from.getTime() + urgentSignMinutes * MINUTE)
    : addWorkingTime(calendar, input.from, signLimit);
  const byCategoryHours = !input.urgent && input.channel !== 'mailbox' && input.handleLimit?.unit === 'working_hours';
  const replyBy = byCategoryHours
    ? calendar.addWorkingHours(input.from, input.handleLimit!.amount)
    : calendar.addWorkingDays(input.from, handleDays);
  return {
    signBy,
    returnBy: calendar.addWorkingDays(input.from, limits.returnDays),
    replyBy,
    ...computeEscalationPoints(input.from, replyBy, calendar, limits),
    handleDays,
  };
}

/** `from` plus a limit in working days (the close of the n-th working day) or working hours. */
export function addWorkingTime(calendar: WorkCalendar, from: Date, limit: WorkingTimeLimit): Date {
  return limit.unit === 'working_days' ? calendar.addWorkingDays(from, limit.amount) : calendar.addWorkingHours(from, limit.amount);
}

/** The follow-up call (回访) is due by the close of the working day after the reply. */
export function computeFollowUpBy(
  repliedAt: Date, calendar: WorkCalendar, limits: TimeLimits = DEFAULT_TIME_LIMITS,
): Date {
  return calendar.addWorkingDays(repliedAt, limits.followUpDays);
}

/** The highest escalation step reached at `now`, or null while the ticket is on time. */
export function findEscalationStep(
  now: Date, points: Pick<Deadlines, 'reminderAt' | 'supervisionAt' | 'noticeAt'>,
): EscalationStep | null {
  if (now >= points.noticeAt) return ESCALATION_STEPS.notice;
  if (now >= points.supervisionAt) return ESCALATION_STEPS.supervision;
  if (now >= points.reminderAt) return ESCALATION_STEPS.reminder;
  return null;
}
