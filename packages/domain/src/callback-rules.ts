/**
 * Worklist rules for reaching a citizen (回拨 a missed call, 回访 a replied ticket). A case stays
 * on its list until one attempt reaches the citizen (`answered`), the number proves wrong, or
 * `maxAttempts` attempts have failed; after a failed attempt the next one waits `retryMinutes`.
 * The numbers are the deployment's (CALLBACK_MAX_ATTEMPTS, CALLBACK_RETRY_MINUTES).
 */
import { listEnumValues } from './enum-helpers';

export const CALLBACK_RESULTS = {
  answered: 'answered',
  no_answer: 'no_answer',
  busy: 'busy',
  failed: 'failed',
  wrong_number: 'wrong_number',
} as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[keyof typeof CALLBACK_RESULTS];
export const CALLBACK_RESULT_VALUES = listEnumValues(CALLBACK_RESULTS);

export const CALLBACK_PURPOSES = { callback: 'callback', follow_up: 'follow_up' } as const;
export type CallbackPurpose = (typeof CALLBACK_PURPOSES)[keyof typeof CALLBACK_PURPOSES];

export interface CallbackRules {
  maxAttempts: number;
  retryMinutes: number;
}

/** One attempt as the rules see it: its final result (the agent's, else the PBX's), null while open. */
export interface AttemptOutcome {
  startedAt: Date;
  result: string | null;
}

export interface CaseProgress {
  attempts: number;
  failedAttempts: number;
  /** Reached, wrong number, or out of attempts: the case leaves its list. */
  isDone: boolean;
  /** An attempt is still ringing or waiting for its result. */
  isInProgress: boolean;
  /** When the next attempt may start (null: now). */
  nextAttemptAt: Date | null;
}

/** Where a case stands after its attempts (any order). */
export function assessAttempts(attempts: readonly AttemptOutcome[], rules: CallbackRules): CaseProgress {
  const failed = attempts.filter((a) => a.result !== null && a.result !== CALLBACK_RESULTS.answered);
  const isReached = attempts.some((a) => a.result === CALLBACK_RESULTS.answered);
  const isWrongNumber = attempts.some((a) => a.result === CALLBACK_RESULTS.wrong_number);
  const last = [...attempts].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  const nextAttemptAt = last && last.result !== null && last.result !== CALLBACK_RESULTS.answered && rules.retryMinutes > 0
    ? new Date(last.startedAt.getTime() + rules.retryMinutes * 60_000)
    : null;
  return {
    attempts: attempts.length,
    failedAttempts: failed.length,
    isDone: isReached || isWrongNumber || failed.length >= rules.maxAttempts,
    isInProgress: attempts.some((a) => a.result === null),
    nextAttemptAt,
  };
}
