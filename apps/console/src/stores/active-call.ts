import type { ApiError } from '#/api/api-error';
import { AGENT_IN_CALL } from '#/api/agents';
import type { CallView } from '#/api/calls';
import type { QueueEvent } from './queue.store';

/** The call on the agent's screen and the pure rules that move it (used by the agent store). */
export const CALL_PHASES = {
  ringing: 'ringing',
  talking: 'talking',
  /** The caller or the agent hung up, or it was transferred: wrap-up time. */
  ended: 'ended',
  /** Another agent took it, or it rang out here. */
  missed: 'missed',
} as const;
export type CallPhase = (typeof CALL_PHASES)[keyof typeof CALL_PHASES];

/** The call on the agent's screen: from the pop (`agent:<interface>`) then `queue` pushes. */
export interface ActiveCall {
  linkedid: string;
  hotline: string | null;
  /** Masked by the bridge (138****8000); the full number never reaches the console. */
  callerNumber: string | null;
  phase: CallPhase;
  ringAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** The call record's id (tickets need it); null until the worker wrote the record. */
  callId: string | null;
}

export interface ScreenPop {
  type: 'call.ringing';
  linkedid: string;
  hotline: string | null;
  callerNumber: string | null;
  at: string;
}

/** True for a well-formed screen pop; anything else on `agent:` is ignored. */
export function isScreenPop(value: unknown): value is ScreenPop {
  if (!value || typeof value !== 'object') return false;
  const pop = value as Partial<ScreenPop>;
  return pop.type === 'call.ringing' && typeof pop.linkedid === 'string' && pop.linkedid !== '' && typeof pop.at === 'string';
}

/** The call panel for a call record the agent is talking on (a desk restored after a reload). */
export function callFromRecord(record: CallView): ActiveCall {
  return {
    linkedid: record.linkedid, hotline: record.hotlineNumber, callerNumber: record.callerNumber,
    phase: record.endedAt ? CALL_PHASES.ended : CALL_PHASES.talking, ringAt: record.ringAt ?? record.enteredAt,
    answeredAt: record.answeredAt, endedAt: record.endedAt, callId: record.id,
  };
}

/**
 * What the desk shows for a refused request: the API's code, or for a 409 with a reason
 * (signing out during a call) that reason, so the agent reads why.
 */
export function deskErrorOf(error: Pick<ApiError, 'code' | 'details'>): string {
  const reason = (error.details.details as { reason?: unknown } | undefined)?.reason;
  return error.code === 'conflict' && reason === AGENT_IN_CALL ? AGENT_IN_CALL : error.code;
}

/** Seconds left until an ISO time (rounded up), never negative; null without one. */
export function secondsUntil(iso: string | null, nowMs: number): number | null {
  if (!iso) return null;
  return Math.max(0, Math.ceil((Date.parse(iso) - nowMs) / 1000));
}

/**
 * Moves the call on screen along with a `queue` push about it. Answered by someone else or
 * rung out here: missed. Completed, abandoned or transferred: ended. Returns the new call
 * (or the same object when the event is not about it).
 */
export function advanceCall(call: ActiveCall, event: QueueEvent, myInterface: string | null): ActiveCall {
  if (event.linkedid !== call.linkedid) return call;
  const isMine = !event.agent || event.agent.interface === myInterface;
  switch (event.type) {
    case 'call.answered':
      if (!isMine) return call.phase === CALL_PHASES.ringing ? { ...call, phase: CALL_PHASES.missed } : call;
      return { ...call, phase: CALL_PHASES.talking, answeredAt: call.answeredAt ?? event.at };
    case 'call.ring_no_answer':
      return isMine && call.phase === CALL_PHASES.ringing ? { ...call, phase: CALL_PHASES.missed } : call;
    case 'call.completed':
    case 'call.transferred':
    case 'call.abandoned':
      if (call.phase === CALL_PHASES.ringing) return { ...call, phase: CALL_PHASES.missed, endedAt: event.at };
      return call.phase === CALL_PHASES.talking ? { ...call, phase: CALL_PHASES.ended, endedAt: event.at } : call;
    default:
      return call;
  }
}
