import type { PauseReason } from '@yixian/domain';
import { requestClient, type RequestOptions } from './client';

/** What an agent can ask for; `ringing`, `busy`, `wrap_up` are set by the PBX, not by the agent. */
export const AGENT_TARGET_STATES = { ready: 'ready', paused: 'paused', loggedOut: 'logged_out' } as const;
export type AgentTargetState = (typeof AGENT_TARGET_STATES)[keyof typeof AGENT_TARGET_STATES];

type Handled = Pick<RequestOptions, 'handledCodes'>;

/** Ready, pause (a reason code is required) or log out of the queue, through the bridge. */
export function setMyAgentState(
  body: { state: AgentTargetState; reason?: PauseReason },
  options: Handled = {},
): Promise<{ state: string; interface: string }> {
  return requestClient.post<{ state: string; interface: string }>('/agents/me/state', body, options);
}

/** Demo mode: picks up the simulator's ringing phone (502 `pbx_rejected` when nothing rings). */
export function answerMyPhone(options: Handled = {}): Promise<{ ok: boolean; detail?: string }> {
  return requestClient.post<{ ok: boolean; detail?: string }>('/agents/me/answer', {}, options);
}
