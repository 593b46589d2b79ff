import { isEnumValue, listEnumValues } from './enum-helpers';

/**
 * States of one call (keyed by Asterisk's Linkedid): offered → ringing →
 * answered → completed, or abandoned / transferred / timeout / overflow.
 */
export const CALL_STATES = {
  offered: 'offered',
  ringing: 'ringing',
  answered: 'answered',
  completed: 'completed',
  abandoned: 'abandoned',
  transferred: 'transferred',
  timeout: 'timeout',
  overflow: 'overflow',
} as const;
export type CallState = (typeof CALL_STATES)[keyof typeof CALL_STATES];
export const CALL_STATE_VALUES = listEnumValues(CALL_STATES);
export function isCallState(value: unknown): value is CallState {
  return isEnumValue(CALL_STATES, value);
}

/** Call states after which nothing more happens to the call record. */
export const FINAL_CALL_STATES: readonly CallState[] = Object.freeze([
  CALL_STATES.completed,
  CALL_STATES.abandoned,
  CALL_STATES.transferred,
  CALL_STATES.timeout,
  CALL_STATES.overflow,
]);

/**
 * An agent's presence on the floor, as the wallboard shows it. `wrap_up` is the queue's own
 * wrap-up window or the agent's after-call work (a pause with reason `after_call_work`);
 * `unavailable` is a member whose phone the PBX reports Invalid/Unavailable (not registered):
 * still in the queue, never rung.
 */
export const AGENT_STATES = {
  logged_out: 'logged_out',
  ready: 'ready',
  paused: 'paused',
  ringing: 'ringing',
  busy: 'busy',
  wrap_up: 'wrap_up',
  unavailable: 'unavailable',
} as const;
export type AgentState = (typeof AGENT_STATES)[keyof typeof AGENT_STATES];
export const AGENT_STATE_VALUES = listEnumValues(AGENT_STATES);
export function isAgentState(value: unknown): value is AgentState {
  return isEnumValue(AGENT_STATES, value);
}

/** Coded pause reasons (sent to Asterisk as the QueuePause Reason). */
export const PAUSE_REASONS = {
  break: 'break',
  meal: 'meal',
  training: 'training',
  meeting: 'meeting',
  after_call_work: 'after_call_work',
  other: 'other',
} as const;
export type PauseReason = (typeof PAUSE_REASONS)[keyof typeof PAUSE_REASONS];
export const PAUSE_REASON_VALUES = listEnumValues(PAUSE_REASONS);
export function isPauseReason(value: unknown): value is PauseReason {
  return isEnumValue(PAUSE_REASONS, value);
}

/**
 * The state the floor (desk, wallboard, live queue) sees for a member's PBX state, pause reason
 * and call. The one place for this rule; the bridge applies it to every state it publishes.
 * - A pause taken during a call: Asterisk pauses the member at once (the next call does not
 *   ring) while the agent still talks, so the floor shows `busy` first, the reason kept as the
 *   pause pending until the call ends ({@link pendingPauseReason}); the PBX stays paused.
 * - After-call work is a pause on the PBX (reason `after_call_work`, so no call rings) and
 *   shows as `wrap_up`.
 */
export function presentAgentState(state: string, pausedReason: string | null, isOnCall = false): string {
  if (state !== AGENT_STATES.paused) return state;
  if (isOnCall) return AGENT_STATES.busy;
  return pausedReason === PAUSE_REASONS.after_call_work ? AGENT_STATES.wrap_up : state;
}

/**
 * The pause waiting for the end of the agent's call, for a state as {@link presentAgentState}
 * shows it: a reason beside `busy` is that pause (通话中 · 通话结束后小休：休息). Null otherwise.
 */
export function pendingPauseReason(shownState: string, pausedReason: string | null | undefined): string | null {
  return shownState === AGENT_STATES.busy && pausedReason ? pausedReason : null;
}

/**
 * The pause reason Asterisk itself sets when a member lets a call ring out and the queue has
 * `autopause = yes` (app_queue's rna(): QueueMemberPause with `PausedReason: Auto-Pause`).
 * Not one of ours: an agent never picks it, only ends it by going ready.
 */
export const AUTO_PAUSE_REASON = 'Auto-Pause';
