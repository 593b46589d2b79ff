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
  4: AGENT_STATE.loggedOut,
  5: AGENT_STATE.loggedOut,
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
