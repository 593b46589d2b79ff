import type { PauseReason } from '@yixian/domain';
import type { AgentStateView } from './agents';
import { requestClient, type RequestOptions } from './client';

/** How the shift lead joins a call: hear both sides, speak to the agent only, or speak to both. */
export const LISTEN_MODES = ['listen', 'whisper', 'barge'] as const;
export type ListenMode = (typeof LISTEN_MODES)[number];

/** Reasons a shift lead gives for pausing or signing out an agent (after-call work is the agent's own). */
export const FORCE_REASONS = ['break', 'meal', 'training', 'meeting', 'other'] as const satisfies readonly PauseReason[];
export type ForceReason = (typeof FORCE_REASONS)[number];

/** Refusals the wallboard explains in words (PBX refused or away; call ended; no extension; agent on a call). */
export const SUPERVISION_CODES = ['pbx_rejected', 'pbx_unavailable', 'conflict', 'not_found'] as const;

type Handled = Pick<RequestOptions, 'handledCodes'>;

/**
 * Rings the shift lead's own phone into the call (ChanSpy): `detail` is `ringing` until the
 * phone is picked up, `listening` when the PBX already connected it.
 */
export function listenToCall(idOrLinkedid: string, mode: ListenMode, options: Handled = {}): Promise<{ ok: boolean; detail?: string }> {
  return requestClient.post(`/calls/${encodeURIComponent(idOrLinkedid)}/listen`, { mode }, options);
}

/** Pauses an agent or signs them out of the queue, with a reason; a sign-out during a call is refused (409). */
export function forceAgentState(
  userId: string,
  body: { state: 'paused' | 'logged_out'; reason: ForceReason; note?: string },
  options: Handled = {},
): Promise<AgentStateView> {
  return requestClient.post<AgentStateView>(`/agents/${encodeURIComponent(userId)}/state`, body, options);
}

export type QueueAlarmKind = 'long_wait' | 'low_service_level';

export interface QueueAlarm {
  kind: QueueAlarmKind;
  /** Seconds of the longest wait, or the service level as a fraction. */
  value: number;
  threshold: number;
  since: string;
  answered?: number;
}

export interface QueueAlarmsReport {
  type: 'queue.alarms';
  at: string;
  thresholds: { waitSeconds: number; serviceLevel: number; windowMinutes: number; answerSeconds: number };
  alarms: QueueAlarm[];
}

/** The queue alarms standing now (also pushed on the `wallboard` topic). */
export function getQueueAlarms(): Promise<QueueAlarmsReport> {
  return requestClient.get<QueueAlarmsReport>('/wallboard/alarms');
}

/** True for a `wallboard` push carrying the alarms. */
export function isQueueAlarmsReport(value: unknown): value is QueueAlarmsReport {
  const report = value as Partial<QueueAlarmsReport> | null;
  return !!report && report.type === 'queue.alarms' && Array.isArray(report.alarms) && typeof report.at === 'string';
}
