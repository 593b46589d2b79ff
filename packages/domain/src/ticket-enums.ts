import { isEnumValue, listEnumValues } from './enum-helpers';

/** Lifecycle states of a ticket (受理 → 派单 → 签收 → 办理 → 回复 → 回访 → 办结). */
export const TICKET_STATES = {
  accepted: 'accepted',
  closed_at_intake: 'closed_at_intake',
  dispatched: 'dispatched',
  signed: 'signed',
  returned: 'returned',
  in_progress: 'in_progress',
  /** 回复待审: the unit replied; the centre reviews the reply before the citizen sees it. */
  reply_review: 'reply_review',
  /**
   * 待核查: a unit replied on a ticket of a grid whose category asks for it; the grid's worker
   * checks on site (photo, position, verdict) before the centre follows up (verification.ts).
   */
  verifying: 'verifying',
  replied: 'replied',
  follow_up: 'follow_up',
  reopened: 'reopened',
  closed: 'closed',
  merged: 'merged',
} as const;
export type TicketState = (typeof TICKET_STATES)[keyof typeof TICKET_STATES];
export const TICKET_STATE_VALUES = listEnumValues(TICKET_STATES);
export function isTicketState(value: unknown): value is TicketState {
  return isEnumValue(TICKET_STATES, value);
}

/** 诉求类型: what the citizen wants; drives the default handling limit. */
export const TICKET_KINDS = {
  consultation: 'consultation',
  help_request: 'help_request',
  complaint: 'complaint',
  report: 'report',
  suggestion: 'suggestion',
  praise: 'praise',
} as const;
export type TicketKind = (typeof TICKET_KINDS)[keyof typeof TICKET_KINDS];
export const TICKET_KIND_VALUES = listEnumValues(TICKET_KINDS);
export function isTicketKind(value: unknown): value is TicketKind {
  return isEnumValue(TICKET_KINDS, value);
}

/**
 * Where a ticket came from. `grid_patrol` (巡查上报): a grid worker's report from the field, filed
 * only through `POST /api/patrol-reports` (placed by its GPS point, one ticket per idempotency key).
 */
export const CHANNELS = {
  phone: 'phone',
  mailbox: 'mailbox',
  mobile: 'mobile',
  web: 'web',
  grid_patrol: 'grid_patrol',
} as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];
export const CHANNEL_VALUES = listEnumValues(CHANNELS);
export function isChannel(value: unknown): value is Channel {
  return isEnumValue(CHANNELS, value);
}

/** 警务类 / 非警务类: police-type goes to 110 dispatch, the rest to the hotline workflow. */
export const TICKET_CLASSES = {
  police: 'police',
  non_police: 'non_police',
} as const;
export type TicketClass = (typeof TICKET_CLASSES)[keyof typeof TICKET_CLASSES];
export const TICKET_CLASS_VALUES = listEnumValues(TICKET_CLASSES);
export function isTicketClass(value: unknown): value is TicketClass {
  return isEnumValue(TICKET_CLASSES, value);
}

/** Tracking states of a police-type ticket handed to the police command platform. */
export const POLICE_STATES = {
  received: 'received',
  handed_to_police: 'handed_to_police',
  police_feedback: 'police_feedback',
  closed: 'closed',
} as const;
export type PoliceState = (typeof POLICE_STATES)[keyof typeof POLICE_STATES];
export const POLICE_STATE_VALUES = listEnumValues(POLICE_STATES);
export function isPoliceState(value: unknown): value is PoliceState {
  return isEnumValue(POLICE_STATES, value);
}

/** 退单 reason codes a unit must give when sending a ticket back. */
export const RETURN_REASONS = {
  not_our_remit: 'not_our_remit',
  wrong_location: 'wrong_location',
  insufficient_info: 'insufficient_info',
  duplicate: 'duplicate',
  other: 'other',
} as const;
export type ReturnReason = (typeof RETURN_REASONS)[keyof typeof RETURN_REASONS];
export const RETURN_REASON_VALUES = listEnumValues(RETURN_REASONS);
export function isReturnReason(value: unknown): value is ReturnReason {
  return isEnumValue(RETURN_REASONS, value);
}

/** 回访 verdicts; satisfied + basically_satisfied count as satisfied in the figures. */
export const FOLLOW_UP_VERDICTS = {
  satisfied: 'satisfied',
  basically_satisfied: 'basically_satisfied',
  not_satisfied: 'not_satisfied',
  unreachable: 'unreachable',
} as const;
export type FollowUpVerdict = (typeof FOLLOW_UP_VERDICTS)[keyof typeof FOLLOW_UP_VERDICTS];
export const FOLLOW_UP_VERDICT_VALUES = listEnumValues(FOLLOW_UP_VERDICTS);
export function isFollowUpVerdict(value: unknown): value is FollowUpVerdict {
  return isEnumValue(FOLLOW_UP_VERDICTS, value);
}

/** Urgent tickets get the short limits (see time-limits.ts). */
export const URGENCIES = {
  normal: 'normal',
  urgent: 'urgent',
} as const;
export type Urgency = (typeof URGENCIES)[keyof typeof URGENCIES];
export const URGENCY_VALUES = listEnumValues(URGENCIES);
export function isUrgency(value: unknown): value is Urgency {
  return isEnumValue(URGENCIES, value);
}

/** The overdue ladder: 催办 → 督办 → 通报. */
export const ESCALATION_STEPS = {
  reminder: 'reminder',
  supervision: 'supervision',
  notice: 'notice',
} as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[keyof typeof ESCALATION_STEPS];
export const ESCALATION_STEP_VALUES = listEnumValues(ESCALATION_STEPS);
export function isEscalationStep(value: unknown): value is EscalationStep {
  return isEnumValue(ESCALATION_STEPS, value);
}

/** 核查结论: the grid worker's verdict on a unit's work, seen on site. */
export const VERIFICATION_VERDICTS = {
  passed: 'passed',
  failed: 'failed',
} as const;
export type VerificationVerdict = (typeof VERIFICATION_VERDICTS)[keyof typeof VERIFICATION_VERDICTS];
export const VERIFICATION_VERDICT_VALUES = listEnumValues(VERIFICATION_VERDICTS);
export function isVerificationVerdict(value: unknown): value is VerificationVerdict {
  return isEnumValue(VERIFICATION_VERDICTS, value);
}
