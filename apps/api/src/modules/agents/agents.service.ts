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
import { liveAgentsKey, readHeartbeats } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { findCurrentCall } from '../calls/find-current-call.js';
import { agentInterfaceOf } from '../calls/live-queue.js';
import type { AgentReport } from '../pbx/pbx-commands.js';
import type { AgentStateView, SetAgentState } from './agents.schemas.js';
import { clearForcedBy, readForcedBy } from './agent-forced-by.js';

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

/** The 409 of a sign-out (from the queue, or from the account) while the PBX says the agent is on a call. */
export function agentInCallError(state: string): AppError {
  return new AppError('conflict', 'You cannot sign out during a call; end the call first', {
    field: 'state', details: { reason: 'agent_in_call', state },
  });
}

/** Sets the agent's state on the PBX and answers with the PBX's state; 409 when signing out on a call. */
export async function setAgentState(app: FastifyInstance, actor: Actor, body: SetAgentState): Promise<AgentStateView> {
  const iface = myInterface(app, actor);
  if (body.state === 'paused' && !body.reason) throw new AppError('validation_failed', 'body.reason is required when pausing', { field: 'reason' });
  const { pbxId, afterCallWorkSeconds } = app.config;
  const result = await app.sendPbxCommand(pbxId, {
    type: 'agent.state', interface: iface, memberName: actor.displayName, state: body.state,
    ...(body.state === 'paused' ? { reason: body.reason } : {}),
  });
  if (!result.ok) throw agentInCallError(result.agent.state);
  await clearForcedBy(app, iface);
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
    afterCallWorkUntil: until?.toISOString() ?? null, afterCallWorkSeconds, forcedBy: null,
  };
}

interface LiveAgentEntry { state: string; pausedReason: string | null; since: string }

async function readLiveEntry(app: FastifyInstance, iface: string): Promise<LiveAgentEntry | null> {
  const raw = await app.redis.hget(liveAgentsKey(app.config.redisPrefix, app.config.pbxId), iface);
  return raw ? (JSON.parse(raw) as LiveAgentEntry) : null;
}

/** The agent's state as the bridge's live state holds it (repaired by every command), and when after-call work ends. */
export async function readAgentState(app: FastifyInstance, actor: Actor): Promise<AgentStateView> {
  const iface = myInterface(app, actor);
  const { pbxId, afterCallWorkSeconds } = app.config;
  const entry = await readLiveEntry(app, iface);
  const state = entry ? presentAgentState(entry.state, entry.pausedReason) : 'logged_out';
  const until = entry && isAfterCallWork({ state, pausedReason: entry.pausedReason })
    ? await app.findScheduledPbxCommand(pbxId, afterCallWorkJobId(iface))
    : null;
  return {
    interface: iface, state, pausedReason: entry?.pausedReason ?? null, isOnCall: state === 'busy' || state === 'ringing',
    since: entry?.since ?? null, afterCallWorkUntil: until?.toISOString() ?? null, afterCallWorkSeconds,
    forcedBy: await readForcedBy(app, iface),
  };
}

/**
 * The call for the desk to restore after a reload (see find-current-call.ts): the one the agent
 * talks on; else the one that just ended, while it may still need its ticket: a call that ended
 * within AFTER_CALL_WORK_SECONDS of now, or, during after-call work, within that limit before
 * the after-call work began (the call it is for; after-call work itself lasts at most the
 * limit). Times compared are the PBX's (the call's end, the pause's start).
 */
export async function findMyCurrentCall(app: FastifyInstance, actor: Actor) {
  const iface = myInterface(app, actor);
  const limitMs = app.config.afterCallWorkSeconds * 1000;
  const entry = await readLiveEntry(app, iface);
  const now = app.clock.now().getTime();
  const afterCallWorkSince = entry && isAfterCallWork({ state: entry.state, pausedReason: entry.pausedReason }) ? Date.parse(entry.since) : Number.NaN;
  const from = Number.isNaN(afterCallWorkSince) ? now : Math.min(now, afterCallWorkSince);
  return findCurrentCall(app.prisma, { pbxId: app.config.pbxId, agentInterface: iface, endedSince: new Date(from - limitMs) });
}

/**
 * What signing out of the account did to the agent's queue membership: `removed` (QueueRemove
 * sent), `not_a_member`, or why it could not be changed: `no_bridge` (no bridge of this PBX
 * beats, so the command was not even queued), `pbx_unavailable` (the bridge did not answer in
 * time), `pbx_rejected` (the PBX refused) or `failed` (anything else, e.g. Redis away).
 */
export type QueueSignOut = 'removed' | 'not_a_member' | 'no_bridge' | 'pbx_unavailable' | 'pbx_rejected' | 'failed';

/**
 * Takes an agent who signs out of the account out of the queue first, so no call rings a phone
 * nobody watches. The same desired-state command as the desk's 签出: the bridge refuses while
 * the PBX says the agent is on a call (InCall, or the phone in use / ringing / on hold), and so
 * does this (409 `agent_in_call`, the session stays). Anything else that keeps the PBX from
 * answering never traps the user in a session: the outcome says why the queue was left as it
 * was, for the caller to audit. Accounts without an extension never touch the PBX (null).
 */
export async function signOutOfQueue(app: FastifyInstance, actor: Actor): Promise<{ interface: string; outcome: QueueSignOut; detail?: string } | null> {
  if (!actor.extension) return null;
  const iface = myInterface(app, actor);
  const { pbxId } = app.config;
  try {
    // No bridge of this PBX beats: a command would only wait out PBX_COMMAND_TIMEOUT_MS.
    const beats = await readHeartbeats(app.redis, app.config.redisPrefix);
    if (!beats.some((beat) => beat.kind === 'bridge' && beat.id === pbxId)) return { interface: iface, outcome: 'no_bridge' };
    const result = await app.sendPbxCommand(pbxId, { type: 'agent.state', interface: iface, memberName: actor.displayName, state: 'logged_out' });
    if (!result.ok) throw agentInCallError(result.agent.state);
    await app.cancelPbxCommand(pbxId, afterCallWorkJobId(iface));
    return { interface: iface, outcome: result.actions.includes('QueueRemove') ? 'removed' : 'not_a_member' };
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') throw error;
    const outcome = error instanceof AppError && (error.code === 'pbx_unavailable' || error.code === 'pbx_rejected') ? error.code : 'failed';
    return { interface: iface, outcome, detail: (error as Error).message };
  }
}
