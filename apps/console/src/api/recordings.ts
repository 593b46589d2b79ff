/**
 * Call recordings. The browser's <audio> element fetches them itself (byte ranges, the session
 * cookie), so these are URLs, not requests; the server checks the role (and a ticket's scope)
 * and audits every fetch. Before showing a player the console asks whether there is anything
 * to play (`…/recording/status`: same checks, no audio, not audited).
 */
import type { Role } from '@yixian/domain';
import type { CallView } from './calls';
import { requestClient, type RequestOptions } from './client';

/** Who may listen: the shift lead and the commander (the server enforces the same). */
export const RECORDING_ROLES: readonly Role[] = ['shift_lead', 'commander'];

/** The recording of a call, by record id or Linkedid. */
export function callRecordingUrl(idOrLinkedid: string): string {
  return `/api/calls/${encodeURIComponent(idOrLinkedid)}/recording`;
}

/** The recording of the call a ticket was taken from (the ticket's scope applies). */
export function ticketRecordingUrl(ticketId: string): string {
  return `/api/tickets/${encodeURIComponent(ticketId)}/recording`;
}

export type RecordingStatus = 'playable' | 'in_progress' | 'none';

/** Whether a call has a recording to play now: MixMonitor finishes the file only when the call ends. */
export function recordingStatusOf(call: Pick<CallView, 'recordingFile' | 'state'>): RecordingStatus {
  if (!call.recordingFile) return 'none';
  return call.state === 'answered' ? 'in_progress' : 'playable';
}

/** Why a recording cannot be played: none was made, its file is not on the server, the call is still going on. */
export type RecordingUnavailableReason = 'no_recording' | 'missing' | 'in_progress';

/** What `…/recording/status` answers: playable now (with the file's size and length), or why not. */
export interface RecordingAvailability {
  available: boolean;
  reason?: RecordingUnavailableReason;
  sizeBytes?: number;
  durationSeconds?: number;
}

/** Whose recording: a call (record id or Linkedid), or the call a ticket was taken from. */
export type RecordingSource = { callId: string } | { ticketId: string };

/** The audio URL of a source. */
export function recordingUrl(source: RecordingSource): string {
  return 'ticketId' in source ? ticketRecordingUrl(source.ticketId) : callRecordingUrl(source.callId);
}

/** Whether the source's recording can be played now; a call or ticket unknown (or out of scope) is `not_found`. */
export function getRecordingStatus(source: RecordingSource, options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<RecordingAvailability> {
  const path = 'ticketId' in source
    ? `/tickets/${encodeURIComponent(source.ticketId)}/recording/status`
    : `/calls/${encodeURIComponent(source.callId)}/recording/status`;
  return requestClient.get<RecordingAvailability>(path, options);
}
