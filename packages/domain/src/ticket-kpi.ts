import { computeRate } from './kpi-math';

/** 按时签收率 = signed in time / dispatched. */
export function computeOnTimeSignRate(counts: { signedInTime: number; dispatched: number }): number | null {
  return computeRate(counts.signedInTime, counts.dispatched, 'signedInTime', 'dispatched');
}

/** 按时办结率 = replied in time / due in the period. */
export function computeOnTimeCompletionRate(counts: { repliedInTime: number; due: number }): number | null {
  return computeRate(counts.repliedInTime, counts.due, 'repliedInTime', 'due');
}

/** 退单率 = returned / dispatched (pass only ruled-wrongful returns when assessing a unit). */
export function computeReturnRate(counts: { returned: number; dispatched: number }): number | null {
  return computeRate(counts.returned, counts.dispatched, 'returned', 'dispatched');
}

/** 重办率 = reopened / replied. */
export function computeRedoRate(counts: { reopened: number; replied: number }): number | null {
  return computeRate(counts.reopened, counts.replied, 'reopened', 'replied');
}

/** 满意率 = (satisfied + basically satisfied) / follow-ups done. */
export function computeSatisfactionRate(counts: {
  satisfied: number; basicallySatisfied: number; followUps: number;
}): number | null {
  computeRate(counts.basicallySatisfied, counts.followUps, 'basicallySatisfied', 'followUps');
  return computeRate(counts.satisfied + counts.basicallySatisfied, counts.followUps,
    'satisfied + basicallySatisfied', 'followUps');
}

/** 延期率 = extended / dispatched. */
export function computeExtensionRate(counts: { extended: number; dispatched: number }): number | null {
  return computeRate(counts.extended, counts.dispatched, 'extended', 'dispatched');
}

/** 直接答复率 = closed at intake / accepted. */
export function computeDirectAnswerRate(counts: { closedAtIntake: number; accepted: number }): number | null {
  return computeRate(counts.closedAtIntake, counts.accepted, 'closedAtIntake', 'accepted');
}

/** Mailbox 按期回复率 = letters replied in time / letters due. */
export function computeMailboxOnTimeReplyRate(counts: { repliedInTime: number; lettersDue: number }): number | null {
  return computeRate(counts.repliedInTime, counts.lettersDue, 'repliedInTime', 'lettersDue');
}

/** 网格办结率 = closed while the grid team held them / closed after reaching the team (the 70 of 70/20/10). */
export function computeGridSettlementRate(counts: { settledInGrid: number; closed: number }): number | null {
  return computeRate(counts.settledInGrid, counts.closed, 'settledInGrid', 'closed');
}
