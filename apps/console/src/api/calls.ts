import { requestClient, type RequestOptions } from './client';

/** A call record as the API presents it; `callerNumber` is masked unless revealed. */
export interface CallView {
  id: string;
  linkedid: string;
  pbxId: string;
  hotlineNumber: string;
  callerNumber: string;
  state: string;
  queue: string;
  agentInterface: string | null;
  agentUserId: string | null;
  enteredAt: string;
  ringAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  abandonPosition: number | null;
  hangupBy: string | null;
  recordingFile: string | null;
  resynced: boolean;
  tickets: { id: string; code: string; state: string }[];
}

export interface CallPage {
  total: number;
  items: CallView[];
}

export interface CallerHistoryTicket {
  id: string;
  code: string;
  state: string;
  title: string;
  categoryId: string;
  createdAt: string;
  ticketClass: string;
}

/** What the screen pop shows about the caller: earlier calls, tickets, the repeat flag. */
export interface CallerHistory {
  isRepeatCaller: boolean;
  callsInLast7Days: number;
  calls: CallView[];
  tickets: CallerHistoryTicket[];
}

export interface LiveAgent {
  interface: string;
  pbxId: string;
  memberName: string | null;
  displayName: string | null;
  userId: string | null;
  state: string;
  pausedReason: string | null;
  since: string;
  secondsInState: number;
  queue: string;
}

export interface WaitingCall {
  linkedid: string;
  pbxId: string;
  hotline: string | null;
  since: string;
  position: number | null;
  waitSeconds: number;
}

/** The queue right now, read from the bridges' live state. */
export interface LiveQueue {
  at: string;
  waitingCount: number;
  longestWaitSeconds: number;
  byHotline: Record<string, number>;
  waiting: WaitingCall[];
  agents: LiveAgent[];
}

export interface ListCallsQuery {
  hotline?: string;
  state?: string;
  /** The agent's queue interface or user id. */
  agent?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** PBX refusals a call panel shows inline (nothing rings, the call ended, the PBX is away). */
export const CALL_CONTROL_CODES = ['pbx_rejected', 'pbx_unavailable', 'conflict'] as const;

type Handled = Pick<RequestOptions, 'handledCodes'>;
const callPath = (idOrLinkedid: string, tail = '') => `/calls/${encodeURIComponent(idOrLinkedid)}${tail}`;

/** The live queue: waiting calls per hotline, the longest wait, agents by state. */
export function getLiveQueue(): Promise<LiveQueue> {
  return requestClient.get<LiveQueue>('/queue/live');
}

/** Calls, newest first. */
export function listCalls(query: ListCallsQuery = {}): Promise<CallPage> {
  return requestClient.get<CallPage>('/calls', { query: { ...query } });
}

/**
 * One call by record id or Asterisk Linkedid. The record is written shortly after the PBX
 * events, so the desk asks with `handledCodes: ['not_found']` and retries on the `calls` push.
 */
export function getCall(idOrLinkedid: string, options: Handled = {}): Promise<CallView> {
  return requestClient.get<CallView>(callPath(idOrLinkedid), options);
}

/** The caller's earlier calls and tickets, without the number travelling in the URL. */
export function getCallerHistory(idOrLinkedid: string, options: Handled = {}): Promise<CallerHistory> {
  return requestClient.get<CallerHistory>(callPath(idOrLinkedid, '/caller-history'), options);
}

/** Ends the call at the PBX. */
export function hangupCall(idOrLinkedid: string, options: Handled = {}): Promise<{ ok: boolean }> {
  return requestClient.post<{ ok: boolean }>(callPath(idOrLinkedid, '/hangup'), {}, options);
}

/** Blind transfer: `110`, a `6xxx` department desk, or an outside number. */
export function transferCall(idOrLinkedid: string, destination: string, options: Handled = {}): Promise<{ ok: boolean }> {
  return requestClient.post<{ ok: boolean }>(callPath(idOrLinkedid, '/transfer'), { destination }, options);
}

/** Three-party linkage call: the caller, the agent and the destination. */
export function conferenceCall(idOrLinkedid: string, destination: string, options: Handled = {}): Promise<{ ok: boolean }> {
  return requestClient.post<{ ok: boolean }>(callPath(idOrLinkedid, '/conference'), { destination }, options);
}

/** Shows a call's full caller number for a stated reason (audited on the server); never stored. */
export async function revealCallCallerNumber(idOrLinkedid: string, reason: string): Promise<string> {
  const answer = await requestClient.post<{ callerNumber: string }>(`/calls/${encodeURIComponent(idOrLinkedid)}/reveal-caller`, { reason });
  return answer.callerNumber;
}
