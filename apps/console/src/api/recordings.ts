/**
 * Call recordings. The browser's <audio> element fetches them itself (byte ranges, the session
 * cookie), so these are URLs, not requests; the server checks the role (and a ticket's scope)
 * and audits every fetch.
 */
import type { Role } from '@yixian/domain';
import type { CallView } from './calls';

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
