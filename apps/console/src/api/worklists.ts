import type { CallbackResult } from '@yixian/domain';
import { requestClient } from './client';

/** One call-back or follow-up attempt; the number it dialled never leaves the server. */
export interface AttemptView {
  id: string;
  purpose: string;
  callId: string | null;
  ticketId: string | null;
  agentName: string | null;
  hotlineNumber: string | null;
  startedAt: string;
  pbxResult: string | null;
  pbxDetail: string | null;
  result: string | null;
  note: string | null;
  recordedAt: string | null;
}

interface CaseProgress {
  attempts: number;
  failedAttempts: number;
  isInProgress: boolean;
  nextAttemptAt: string | null;
  lastAttempt: AttemptView | null;
  canDial: boolean;
}

export interface WorklistRules {
  maxAttempts: number;
  retryMinutes: number;
  windowDays: number;
}

export interface MissedCallCase extends CaseProgress {
  callId: string;
  hotlineNumber: string;
  hotlineName: string | null;
  hotlineNameEn: string | null;
  /** Masked. */
  callerNumber: string;
  state: string;
  enteredAt: string;
  waitSeconds: number | null;
  overflowReason: string | null;
  callbackRequestedAt: string | null;
  missedCount: number;
}

export interface FollowUpCase extends CaseProgress {
  ticketId: string;
  code: string;
  title: string;
  state: string;
  confidential: boolean;
  /** Masked. */
  callerNumber: string | null;
  hotlineNumber: string | null;
  unitName: string | null;
  unitNameEn: string | null;
  replySummary: string | null;
  repliedAt: string | null;
  followUpDueAt: string | null;
  /** No more attempts (the last allowed failed, or the number is wrong): record 无法联系 and close. */
  isExhausted: boolean;
}

export function listMissedCalls(): Promise<{ rules: WorklistRules; items: MissedCallCase[] }> {
  return requestClient.get('/worklists/missed-calls');
}

export function listFollowUps(): Promise<{ rules: WorklistRules; items: FollowUpCase[] }> {
  return requestClient.get('/worklists/follow-ups');
}

/** Dials the citizen from the agent's phone (the hotline is presented); answers the new attempt. */
export function startCallout(kind: 'calls' | 'tickets', id: string): Promise<AttemptView> {
  return requestClient.post(`/worklists/${kind}/${encodeURIComponent(id)}/callout`, {});
}

export function getAttempt(id: string): Promise<AttemptView> {
  return requestClient.get(`/worklists/attempts/${encodeURIComponent(id)}`);
}

export function recordAttempt(id: string, body: { result: CallbackResult; note?: string }): Promise<AttemptView> {
  return requestClient.post(`/worklists/attempts/${encodeURIComponent(id)}/result`, body);
}
