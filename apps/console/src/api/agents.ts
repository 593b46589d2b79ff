import type { PauseReason } from '@yixian/domain';
import type { CallView } from './calls';
import { requestClient, type RequestOptions } from './client';

/** What an agent can ask for; `ringing`, `busy`, `wrap_up`, `unavailable` are set by the PBX, not by the agent. */
export const AGENT_TARGET_STATES = { ready: 'ready', paused: 'paused', loggedOut: 'logged_out' } as const;
export type AgentTargetState = (typeof AGENT_TARGET_STATES)[keyof typeof AGENT_TARGET_STATES];

/** The agent's state as the PBX answered (or as the live state holds it), with the end of after-call work. */
export interface AgentStateView {
  interface: string;
  state: string;
  pausedReason: string | null;
  isOnCall: boolean;
  since: string | null;
  afterCallWorkUntil: string | null;
  afterCallWorkSeconds: number;
  /** A shift lead forced this state (pause or sign-out), and why; null once the agent changed it. */
  forcedBy?: ForcedBy | null;
}

/** Who forced the agent's state, the reason code and the shift lead's note. */
export interface ForcedBy {
  byName: string;
  state: string;
  reason: string;
  note: string | null;
  at: string;
}

/** The 409 `conflict` reason when signing out during a call. */
export const AGENT_IN_CALL = 'agent_in_call';

type Handled = Pick<RequestOptions, 'handledCodes'>;

/**
 * Ready, pause (a reason code is required; `after_call_work` is time-limited) or log out of the
 * queue: the bridge makes it so on the PBX and the answer is the PBX's state. Signing out
 * during a call is refused: 409 `conflict` with `details.reason` {@link AGENT_IN_CALL}.
 */
export function setMyAgentState(body: { state: AgentTargetState; reason?: PauseReason }, options: Handled = {}): Promise<AgentStateView> {
  return requestClient.post<AgentStateView>('/agents/me/state', body, options);
}

/** My state as the live state holds it, and when after-call work ends (for a desk that loads). */
export function getMyAgentState(options: Handled = {}): Promise<AgentStateView> {
  return requestClient.get<AgentStateView>('/agents/me/state', options);
}

/** The call I am talking on, to restore the call panel after a reload; null when none. */
export function getMyCurrentCall(options: Handled = {}): Promise<{ call: CallView | null }> {
  return requestClient.get<{ call: CallView | null }>('/agents/me/current-call', options);
}

/** Demo mode: picks up the simulator's ringing phone (502 `pbx_rejected` when nothing rings). */
export function answerMyPhone(options: Handled = {}): Promise<{ ok: boolean; detail?: string }> {
  return requestClient.post<{ ok: boolean; detail?: string }>('/agents/me/answer', {}, options);
}
