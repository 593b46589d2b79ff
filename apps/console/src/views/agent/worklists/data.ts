/** Pure helpers of the worklists page (回访与回拨). */
import type { MissedCallCase } from '#/api/worklists';

export const WORKLIST_TABS = { followUps: 'followUps', missedCalls: 'missedCalls' } as const;
export type WorklistTab = (typeof WORKLIST_TABS)[keyof typeof WORKLIST_TABS];

/** How often the lists refresh by themselves (new missed calls, results from the PBX). */
export const WORKLIST_REFRESH_MS = 30_000;
/** How often an attempt is read while its call-out runs. */
export const ATTEMPT_POLL_MS = 1_000;

/** Why a call is on the missed list: a callback request first, else what happened in the queue. */
export function missedKindOf(item: Pick<MissedCallCase, 'callbackRequestedAt' | 'state'>): 'callback' | 'abandoned' | 'timeout' | 'overflow' {
  if (item.callbackRequestedAt) return 'callback';
  if (item.state === 'abandoned' || item.state === 'timeout') return item.state;
  return 'overflow';
}

/** The hotline as people name it: `12369 环保热线`, or the number alone when unknown. */
export function hotlineLabel(number: string | null, name: string | null, nameEn: string | null, locale: string): string {
  if (!number) return '—';
  const label = locale === 'en' ? nameEn ?? name : name;
  return label ? `${number} ${label}` : number;
}

/** Whether the case may be dialled now: a number, no call running, the retry spacing passed. */
export function canCallNow(item: { canDial: boolean; isInProgress: boolean; nextAttemptAt: string | null }, now: number): boolean {
  if (!item.canDial || item.isInProgress) return false;
  return item.nextAttemptAt === null || Date.parse(item.nextAttemptAt) <= now;
}

/** Minutes (rounded up) until the next attempt is allowed; 0 when it is now. */
export function minutesUntil(iso: string | null, now: number): number {
  if (!iso) return 0;
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 60_000));
}

/** The result that counts for an attempt: the agent's, else what the PBX said. */
export function resultOf(attempt: { result: string | null; pbxResult: string | null } | null): string | null {
  return attempt?.result ?? attempt?.pbxResult ?? null;
}

/** What the call-out dialog dials: a missed call or a ticket to follow up. */
export interface CalloutTarget {
  kind: 'calls' | 'tickets';
  id: string;
  title: string;
  /** The ticket's state (follow-ups): `replied` takes the follow-up then the close, `follow_up` only the close. */
  ticketState?: string;
  /** Follow-ups: one more failed attempt uses the last the rules allow. */
  isLastAttempt?: boolean;
}

/** Whether a follow-up's attempts run out with the failure after `failedAttempts` earlier ones. */
export const isLastAttempt = (failedAttempts: number, maxAttempts: number | undefined) => maxAttempts !== undefined && failedAttempts + 1 >= maxAttempts;

/**
 * A follow-up that cannot reach the citizen ends as 无法联系 (verdict `unreachable`), closing the
 * ticket, instead of leaving the list with the ticket stuck in 已回复: on a wrong number at once,
 * otherwise when the last attempt the rules allow fails too.
 */
export function endsUnreached(result: string, isLast: boolean): boolean {
  if (result === 'wrong_number') return true;
  return isLast && ['no_answer', 'busy', 'failed'].includes(result);
}
