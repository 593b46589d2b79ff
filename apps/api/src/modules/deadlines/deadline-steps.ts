/**
 * The timed steps of one ticket's deadline plan, and the states in which each still matters.
 * The same function serves the planner (which writes the jobs) and the sweeper (which finds
 * steps whose jobs were lost), so both always agree on what is due when.
 */
import { TICKET_STATES, type TicketState } from '@yixian/domain';

export const DEADLINE_STEPS = {
  /** Not signed for by `signDueAt`. */
  sign_check: 'sign_check',
  /** 催办 at 75 % of the handling window. */
  reminder: 'reminder',
  /** 督办 at the reply deadline. */
  supervision: 'supervision',
  /** 通报 five working days after it. */
  notice: 'notice',
  /** The follow-up call (回访) is due. */
  follow_up_due: 'follow_up_due',
} as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[keyof typeof DEADLINE_STEPS];
export const DEADLINE_STEP_VALUES: readonly DeadlineStep[] = Object.freeze(Object.values(DEADLINE_STEPS));

export function isDeadlineStep(value: unknown): value is DeadlineStep {
  return typeof value === 'string' && (DEADLINE_STEP_VALUES as readonly string[]).includes(value);
}

const S = TICKET_STATES;
/** A unit holds the ticket and the handling clock runs. */
export const HANDLING_STATES: readonly TicketState[] = Object.freeze([S.dispatched, S.signed, S.in_progress, S.reopened]);

/** States in which a step still applies; a job finding its ticket elsewhere is superseded. */
export const STEP_STATES: Readonly<Record<DeadlineStep, readonly TicketState[]>> = Object.freeze({
  sign_check: [S.dispatched, S.reopened],
  reminder: HANDLING_STATES,
  supervision: HANDLING_STATES,
  notice: HANDLING_STATES,
  follow_up_due: [S.replied],
});

/** The trail action a step writes (TICKET_ACTIONS values where one exists). */
export const STEP_ACTIONS: Readonly<Record<DeadlineStep, string>> = Object.freeze({
  sign_check: 'remind',
  reminder: 'remind',
  supervision: 'supervise',
  notice: 'notice',
  follow_up_due: 'remind',
});

export interface DeadlineTimes {
  signDueAt: Date | null;
  reminderDueAt: Date | null;
  handleDueAt: Date | null;
  noticeDueAt: Date | null;
  followUpDueAt: Date | null;
}

export interface PlannedStep {
  step: DeadlineStep;
  dueAt: Date;
}

/** Every step that applies to a ticket in `state` with these due times, in time order. */
export function listDeadlineSteps(state: string, times: DeadlineTimes): PlannedStep[] {
  const byStep: Record<DeadlineStep, Date | null> = {
    sign_check: times.signDueAt,
    reminder: times.reminderDueAt,
    supervision: times.handleDueAt,
    notice: times.noticeDueAt,
    follow_up_due: times.followUpDueAt,
  };
  const steps: PlannedStep[] = [];
  for (const step of DEADLINE_STEP_VALUES) {
    const dueAt = byStep[step];
    if (dueAt && (STEP_STATES[step] as readonly string[]).includes(state)) steps.push({ step, dueAt });
  }
  return steps.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Job id and dedupe key of one step of one plan version (no ':' — BullMQ forbids it). */
export function deadlineJobId(ticketId: string, step: DeadlineStep, version: number): string {
  return `ticket-${ticketId}-${step}-v${version}`;
}
