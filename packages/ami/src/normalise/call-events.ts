/**
 * Domain call events: what the rest of Yixian hears about calls and agents. The AMI
 * layer speaks Asterisk (`AgentCalled`); only the normaliser produces these.
 *
 * Privacy: `call.offered` carries the caller's number and name because the agent's
 * screen needs them. Consumers must not log them or put them in job payloads.
 */
export const CALL_EVENT_KIND = {
  offered: 'call.offered',
  ringing: 'call.ringing',
  answered: 'call.answered',
  abandoned: 'call.abandoned',
  completed: 'call.completed',
  transferred: 'call.transferred',
  ringNoAnswer: 'call.ring_no_answer',
  overflow: 'call.overflow',
  callbackRequested: 'call.callback_requested',
  agentState: 'agent.state',
} as const;
export type CallEventKind = (typeof CALL_EVENT_KIND)[keyof typeof CALL_EVENT_KIND];

/** Why a talking call ended, as Asterisk reports it on AgentComplete. */
export const COMPLETION_REASON = { agent: 'agent', caller: 'caller', transfer: 'transfer', unknown: 'unknown' } as const;
export type CompletionReason = (typeof COMPLETION_REASON)[keyof typeof COMPLETION_REASON];

/**
 * An agent's state in one queue, derived from QueueMember* events. `unavailable`: still a
 * member, but its device is Invalid or Unavailable (AST_DEVICE 4/5, e.g. the phone is not
 * registered); Asterisk keeps such members in the queue and never rings them.
 */
export const AGENT_STATE = {
  loggedOut: 'logged_out',
  ready: 'ready',
  paused: 'paused',
  ringing: 'ringing',
  busy: 'busy',
  wrapUp: 'wrap_up',
  unavailable: 'unavailable',
} as const;
export type AgentState = (typeof AGENT_STATE)[keyof typeof AGENT_STATE];

export const TRANSFER_TYPE = { blind: 'blind', attended: 'attended' } as const;
export type TransferType = (typeof TRANSFER_TYPE)[keyof typeof TRANSFER_TYPE];

/** The queue member an event is about: `Interface` is the stable id, `memberName` for display. */
export interface AgentRef {
  interface: string;
  memberName: string | null;
}

interface EventBase {
  /** Stable id: the same raw event always yields the same id (idempotent consumers). */
  eventId: string;
  /** ISO time from Asterisk's `Timestamp` when present, otherwise the normaliser's clock. */
  at: string;
  /**
   * Rebuilt by a resync from list actions, not read from a live event: its times are estimates
   * (PBX time less a listed duration) that fill a record's gaps and never move what it has.
   */
  estimated?: boolean;
}

interface CallEventBase extends EventBase {
  /** The call: Asterisk's `Linkedid`, shared by every channel of one call. */
  linkedid: string;
  /** Number dialled (ChanVariable HOTLINE), e.g. `12345`; null when the PBX never set it. */
  hotline: string | null;
  queue: string | null;
}

export interface CallOffered extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.offered;
  uniqueid: string;
  position: number | null;
  callerNumber: string | null;
  callerName: string | null;
}
export interface CallRinging extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.ringing;
  agent: AgentRef;
}
export interface CallAnswered extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.answered;
  agent: AgentRef;
  /** Seconds the caller waited in the queue. */
  holdTime: number | null;
  /** Seconds the agent's device rang. */
  ringTime: number | null;
}
export interface CallAbandoned extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.abandoned;
  position: number | null;
  originalPosition: number | null;
  holdTime: number | null;
}
export interface CallCompleted extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.completed;
  agent: AgentRef;
  holdTime: number | null;
  talkTime: number | null;
  reason: CompletionReason;
}
export interface CallTransferred extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.transferred;
  transferType: TransferType;
  /** The queue member who transferred, when the agent leg is known. */
  agent: AgentRef | null;
  /** Where the call went: `Extension@Context` for a blind transfer, the target's number for an attended one. */
  target: string | null;
  result: string | null;
}
export interface CallRingNoAnswer extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.ringNoAnswer;
  agent: AgentRef;
  /** Seconds (Asterisk reports this event's RingTime in milliseconds; converted here). */
  ringTime: number | null;
}
/**
 * The caller left the queue unanswered and still on the line, or never joined it (dialplan
 * `UserEvent(YixianOverflow)`): after hours, a queue timeout, no agents. The PBX then offers a
 * callback or voicemail; 110 goes to the police desk (`target: police`).
 */
export interface CallOverflow extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.overflow;
  /** after_hours | timeout | leaveempty | joinempty | joinunavail | leaveunavail | full … (lower case). */
  reason: string | null;
  target: string | null;
  uniqueid: string | null;
  callerNumber: string | null;
  callerName: string | null;
}
/** The caller asked to be called back (dialplan `UserEvent(YixianCallbackRequest)`). */
export interface CallCallbackRequested extends CallEventBase {
  kind: typeof CALL_EVENT_KIND.callbackRequested;
  reason: string | null;
  callerNumber: string | null;
  callerName: string | null;
}
export interface AgentStateChanged extends EventBase {
  kind: typeof CALL_EVENT_KIND.agentState;
  queue: string;
  agent: AgentRef;
  state: AgentState;
  /** Pause reason (`PausedReason`) when state is `paused`. */
  pausedReason: string | null;
  /**
   * Paused while on a call (InCall, or the phone taken): the pause waits for the call's end and
   * the floor shows the call first (domain `presentAgentState`). Absent when not so.
   */
  onCall?: true;
}

export type CallEvent =
  | CallOffered | CallRinging | CallAnswered | CallAbandoned | CallCompleted
  | CallTransferred | CallRingNoAnswer | CallOverflow | CallCallbackRequested;
export type DomainEvent = CallEvent | AgentStateChanged;
