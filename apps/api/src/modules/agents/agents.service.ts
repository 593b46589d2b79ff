/**
 * The agent's own state. The PBX is the truth: a change is one desired-state command that the
 * bridge makes true on the PBX (apps/bridge/src/agent-commands.ts), and the answer is what
 * the PBX then says. Nothing here decides from the live state in Redis.
 *
 * After-call work (话后整理) is a pause with reason `after_call_work`, limited to
 * `AFTER_CALL_WORK_SECONDS`: entering it schedules a delayed `agent.state` command on the
 * PBX's command queue (BullMQ, so it survives restarts of the API and the bridge) that makes
 * the agent ready again only if still paused for after-call work. Any other change the agent
 * makes cancels it.
 */
import type { FastifyInstance } from 'fastify';
import { PAUSE_REASONS, presentAgentState } from '@yixian/domain';
import { liveAgentsKey } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { agentInterfaceOf } from '../calls/live-queue.js';
import type { AgentReport } from '../pbx/pbx-commands.js';
import type { AgentStateView, SetAgentState } from './agents.schemas.js';

/** The delayed job that ends an interface's after-call work (BullMQ ids may not hold ':'). */
export function afterCallWorkJobId(iface: string): string {
  return `acw-${Buffer.from(iface).toString('base64url')}`;
}

/** The actor's queue interface; 409 for an account without a phone extension. */
export function myInterface(app: FastifyInstance, actor: Actor): string {
  if (!actor.extension) throw new AppError('conflict', 'Your account has no phone extension; ask an administrator', { field: 'extension' });
  return agentInterfaceOf(app.config.agentInterfaceTemplate, actor.extension);
}

const isAfterCallWork = (state: { paused?: boolean; state: string; pausedReason: string | null }) =>
  state.pausedReason === PAUSE_REASONS.after_call_work && (state.paused ?? state.state === 'wrap_up');

/** Sets the agent's state on the PBX and answers with the PBX's state; 409 when signing out on a call. */
export async function setAgentState(app: FastifyInstance, actor: Actor, body: SetAgentState): Promise<AgentStateView> {
  const iface = myInterface(app, actor);
  if (body.state === 'paused' && !body.reason) throw new AppError('validation_failed', 'body.reason is required when pausing', { field: 'reason' });
  const { pbxId, afterCallWorkSeconds } = app.config;
  const result = await app.sendPbxCommand(pbxId, {
    type: 'agent.state', interface: iface, memberName: actor.displayName, state: body.state,
    ...(body.state === 'paused' ? { reason: body.reason } : {}),
  });
  if (!result.ok) {
    throw new AppError('conflict', 'You cannot sign out during a call; end the call first', {
      field: 'state', details: { reason: 'agent_in_call', state: result.agent.state },
    });
  }
  const jobId = afterCallWorkJobId(iface);
  let until: Date | null = null;
  if (isAfterCallWork(result.agent)) {
    until = new Date(Date.now() + afterCallWorkSeconds * 1000);
    await app.schedulePbxCommand(pbxId, {
      type: 'agent.state', interface: iface, memberName: actor.displayName, state: 'ready', ifPausedReason: PAUSE_REASONS.after_call_work,
    }, { jobId, delayMs: afterCallWorkSeconds * 1000 });
  } else {
    await app.cancelPbxCommand(pbxId, jobId);
  }
  return viewOf(result.agent, until, afterCallWorkSeconds);
}

function viewOf(agent: AgentReport, until: Date | null, afterCallWorkSeconds: number): AgentStateView {
  return {
    interface: agent.interface, state: agent.state, pausedReason: agent.pausedReason, isOnCall: agent.isOnCall,
    since: agent.pausedSince ? new Date(agent.pausedSince * 1000).toISOString() : null,
    afterCallWorkUntil: until?.toISOString() ?? null, afterCallWorkSeconds,
  };
}

interface LiveAgentEntry { state: string; pausedReason: string | null; since: string }

/** The agent's state as the bridge's live state holds it (repaired by every command), and when after-call work ends. */
export async function readAgentState(app: FastifyInstance, actor: Actor): Promise<AgentStateView> {
  const iface = myInterface(app, actor);
  const { pbxId, afterCallWorkSeconds } = app.config;
  const raw = await app.redis.hget(liveAgentsKey(app.config.redisPrefix, pbxId), iface);
  const entry = raw ? (JSON.parse(raw) as LiveAgentEntry) : null;
  const state = entry ? presentAgentState(entry.state, entry.pausedReason) : 'logged_out';
  const until = entry && isAfterCallWork({ state, pausedReason: entry.pausedReason })
    ? await app.findScheduledPbxCommand(pbxId, afterCallWorkJobId(iface))
    : null;
  return {
    interface: iface, state, pausedReason: entry?.pausedReason ?? null, isOnCall: state === 'busy' || state === 'ringing',
    since: entry?.since ?? null, afterCallWorkUntil: until?.toISOString() ?? null, afterCallWorkSeconds,
  };
}
