import type { AmiMessage } from '../protocol/ami-message';
import { AGENT_STATE, type AgentState } from './call-events';
import { readInt, readText } from './read-fields';

/**
 * Asterisk's queue member `Status` is a device state (AST_DEVICE_*):
 * 0 unknown, 1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable,
 * 6 ringing, 7 ring in use, 8 on hold.
 */
const DEVICE_STATE: Record<number, AgentState> = {
  1: AGENT_STATE.ready,
  2: AGENT_STATE.busy,
  3: AGENT_STATE.busy,
  // Invalid / unavailable device: the member stays in the queue (a real Asterisk 22 lists it).
  4: AGENT_STATE.unavailable,
  5: AGENT_STATE.unavailable,
  6: AGENT_STATE.ringing,
  7: AGENT_STATE.ringing,
  8: AGENT_STATE.busy,
};

/**
 * The agent state a QueueMemberStatus / QueueMemberPause / QueueMember (list item) says.
 * Paused wins over the device state. A free device inside its wrap-up window
 * (`LastCall + Wrapuptime` after the event time) is `wrap_up`. Unknown status → null.
 */
export function deriveAgentState(message: AmiMessage, nowSeconds: number | null): AgentState | null {
  if (readText(message, 'Paused') === '1') return AGENT_STATE.paused;
  const status = readInt(message, 'Status');
  if (status === null) return null;
  const state = DEVICE_STATE[status] ?? null;
  if (state === AGENT_STATE.ready && nowSeconds !== null) {
    const wrapUp = readInt(message, 'Wrapuptime') ?? 0;
    const lastCall = readInt(message, 'LastCall') ?? 0;
    if (wrapUp > 0 && lastCall > 0 && nowSeconds < lastCall + wrapUp) return AGENT_STATE.wrapUp;
  }
  return state;
}

/** Device states in which the member's phone is taken: in use, busy, ringing, ring in use, on hold. */
const PHONE_TAKEN = new Set([2, 3, 6, 7, 8]);

/**
 * Whether a member event or list item says the member is on a call: `InCall: 1` (a queue call)
 * or its phone taken (Status in use, busy, ringing, ring in use, on hold). Signing out is
 * refused then; a paused member on a call shows as busy (domain `presentAgentState`).
 */
export function isMemberOnCall(message: AmiMessage): boolean {
  const status = readInt(message, 'Status');
  return readText(message, 'InCall') === '1' || (status !== null && PHONE_TAKEN.has(status));
}

/** One queue member as `QueueStatus` lists it (a `QueueMember` item), read for a decision. */
export interface QueueMemberSnapshot {
  queue: string;
  interface: string;
  memberName: string | null;
  paused: boolean;
  /** `PausedReason` when paused (Asterisk's own `Auto-Pause` included), else null. */
  pausedReason: string | null;
  /** Talking on a queue call (`InCall: 1`) or the device is in use, busy, ringing or on hold. */
  isOnCall: boolean;
  /** The AST_DEVICE number, null when absent. */
  status: number | null;
  /** The state as {@link deriveAgentState} reads it (`ready` when the status is unknown). */
  state: AgentState;
}

/**
 * Reads a `QueueMember` list item (Name/Location) or a live member event (MemberName/Interface).
 * Null when it names no queue or interface. `nowSeconds` places a wrap-up window.
 */
export function readQueueMember(message: AmiMessage, nowSeconds: number | null): QueueMemberSnapshot | null {
  const queue = readText(message, 'Queue');
  const iface = readText(message, 'Location') ?? readText(message, 'Interface');
  if (queue === null || iface === null) return null;
  const paused = readText(message, 'Paused') === '1';
  return {
    queue,
    interface: iface,
    memberName: readText(message, 'Name') ?? readText(message, 'MemberName'),
    paused,
    pausedReason: paused ? readText(message, 'PausedReason') : null,
    isOnCall: isMemberOnCall(message),
    status: readInt(message, 'Status'),
    state: deriveAgentState(message, nowSeconds) ?? AGENT_STATE.ready,
  };
}
