import { computeMean, computeRate } from './kpi-math';

/** The 15-second norm (GB/T 33358-2016 practice) for the timely-answer rate. */
export const TIMELY_ANSWER_SECONDS = 15;

/**
 * Whether a wait counts as "within" a threshold. Asterisk's app_queue counts a
 * call in the service level when its hold time is at most the threshold (<=);
 * counting code must use this so our SL matches the queue's own QueueSummary.
 */
export function isWithinThreshold(waitSeconds: number, thresholdSeconds: number): boolean {
  return waitSeconds <= thresholdSeconds;
}

/** 接通率 = answered / offered. Norm: ≥ 95% over 24 h. */
export function computeConnectionRate(counts: { answered: number; offered: number }): number | null {
  return computeRate(counts.answered, counts.offered, 'answered', 'offered');
}

/** 15 秒接通率 = answered within 15 s / answered. City practice: ≥ 80%. */
export function computeTimelyAnswerRate(counts: { answeredWithin15s: number; answered: number }): number | null {
  return computeRate(counts.answeredWithin15s, counts.answered, 'answeredWithin15s', 'answered');
}

/** Abandon rate = abandoned / offered. */
export function computeAbandonRate(counts: { abandoned: number; offered: number }): number | null {
  return computeRate(counts.abandoned, counts.offered, 'abandoned', 'offered');
}

/** ASA, average speed of answer: mean wait of answered calls, in seconds. */
export function computeAverageSpeedOfAnswer(counts: { totalWaitSeconds: number; answered: number }): number | null {
  return computeMean(counts.totalWaitSeconds, counts.answered, 'totalWaitSeconds', 'answered');
}

/** AHT, average handle time: mean talk plus wrap-up per handled call, in seconds. */
export function computeAverageHandleTime(counts: {
  totalTalkSeconds: number; totalWrapUpSeconds: number; handled: number;
}): number | null {
  if (!Number.isFinite(counts.totalWrapUpSeconds) || counts.totalWrapUpSeconds < 0) {
    throw new RangeError('totalWrapUpSeconds must be a non-negative number');
  }
  return computeMean(counts.totalTalkSeconds + counts.totalWrapUpSeconds, counts.handled,
    'totalTalkSeconds', 'handled');
}

/** SL as Asterisk computes it: answered within threshold / answered (callscompletedinsl / callscompleted). */
export function computeServiceLevel(counts: { answeredWithinThreshold: number; answered: number }): number | null {
  return computeRate(counts.answeredWithinThreshold, counts.answered, 'answeredWithinThreshold', 'answered');
}

/**
 * SL2 as Asterisk computes it: (answered + abandoned within threshold) /
 * (answered + abandoned). Callers who gave up quickly do not count against the centre.
 */
export function computeServiceLevel2(counts: {
  answeredWithinThreshold: number; abandonedWithinThreshold: number; answered: number; abandoned: number;
}): number | null {
  computeRate(counts.abandonedWithinThreshold, counts.abandoned, 'abandonedWithinThreshold', 'abandoned');
  computeRate(counts.answeredWithinThreshold, counts.answered, 'answeredWithinThreshold', 'answered');
  return computeRate(counts.answeredWithinThreshold + counts.abandonedWithinThreshold,
    counts.answered + counts.abandoned, 'answeredWithinThreshold + abandonedWithinThreshold', 'answered + abandoned');
}

export interface CallCounts {
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithin15s: number;
  answeredWithinThreshold: number;
  abandonedWithinThreshold: number;
  totalWaitSeconds: number;
  totalTalkSeconds: number;
  totalWrapUpSeconds: number;
}

export interface CallFigures {
  connectionRate: number | null;
  timelyAnswerRate: number | null;
  abandonRate: number | null;
  averageSpeedOfAnswer: number | null;
  averageHandleTime: number | null;
  serviceLevel: number | null;
  serviceLevel2: number | null;
}

/** All call figures of one period (wallboard, daily report) from one set of counts. */
export function computeCallFigures(counts: CallCounts): CallFigures {
  return {
    connectionRate: computeConnectionRate(counts),
    timelyAnswerRate: computeTimelyAnswerRate(counts),
    abandonRate: computeAbandonRate(counts),
    averageSpeedOfAnswer: computeAverageSpeedOfAnswer(counts),
    averageHandleTime: computeAverageHandleTime({ ...counts, handled: counts.answered }),
    serviceLevel: computeServiceLevel(counts),
    serviceLevel2: computeServiceLevel2(counts),
  };
}
