/**
 * The shift lead forces an agent's state (the agent named by user id, or by queue interface): a pause with a reason, or a sign-out of the queue.
 * The same desired-state command the agent's own desk sends (agents.service.ts), so the PBX
 * stays the truth; a sign-out during a call is refused like the agent's own. Who forced it and
 * why is kept beside the live state (`agentForcedKey`) until the agent next changes state, so
 * the agent's desk can say so after a reload, and is pushed to the agent at once (`user:<id>`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { liveAgentsKey } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { agentInterfaceOf } from '../calls/live-queue.js';
import type { AgentStateView, ForceAgentState, ForcedBy } from './agents.schemas.js';
import { afterCallWorkJobId } from './agents.service.js';
import { agentForcedKey } from './agent-forced-by.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The agent by user id (a Yixian account with an extension), or by queue interface for a
 * member that is no account (the PBX's own members; it must be in the live queue).
 */
async function findAgent(app: FastifyInstance, id: string): Promise<{ target: { id: string | null; displayName: string }; iface: string }> {
  if (UUID.test(id)) {
    const user = await app.prisma.user.findUnique({ where: { id }, select: { id: true, displayName: true, extension: true } });
    if (!user) throw new AppError('not_found', `No agent ${id}`, { field: 'id' });
    if (!user.extension) throw new AppError('conflict', `${user.displayName} has no phone extension`, { field: 'id' });
    return { target: user, iface: agentInterfaceOf(app.config.agentInterfaceTemplate, user.extension) };
  }
  const raw = await app.redis.hget(liveAgentsKey(app.config.redisPrefix, app.config.pbxId), id);
  if (!raw) throw new AppError('not_found', `No agent ${id} in the queue`, { field: 'id' });
  const entry = JSON.parse(raw) as { memberName?: string | null };
  return { target: { id: null, displayName: entry.memberName ?? id }, iface: id };
}

export async function forceAgentState(app: FastifyInstance, request: FastifyRequest, lead: Actor, id: string, body: ForceAgentState): Promise<AgentStateView> {
  if (body.reason === 'other' && !body.note?.trim()) throw new AppError('validation_failed', 'body.note is required when the reason is other', { field: 'note' });
  const { target, iface } = await findAgent(app, id);
  const { pbxId, afterCallWorkSeconds } = app.config;
  const audit = (outcome: 'allowed' | 'failed', details: Record<string, string | null> = {}) => app.audit(request, {
    action: AUDIT_ACTIONS.forceAgentState, outcome, resource: target.id ? 'user' : 'agent', resourceId: target.id ?? iface,
    reason: body.note?.trim() ? `${body.reason}: ${body.note.trim()}` : body.reason,
    details: { state: body.state, reasonCode: body.reason, interface: iface, ...details },
  });
  const result = await app.sendPbxCommand(pbxId, {
    type: 'agent.state', interface: iface, memberName: target.displayName, state: body.state,
    ...(body.state === 'paused' ? { reason: body.reason } : {}),
  }).catch(async (error: unknown) => {
    await audit('failed', { error: error instanceof AppError ? error.code : 'failed' });
    throw error;
  });
  if (!result.ok) {
    await audit('failed', { error: 'agent_in_call' });
    throw new AppError('conflict', `${target.displayName} is on a call: sign them out once the call has ended`, {
      field: 'state', details: { reason: 'agent_in_call', state: result.agent.state },
    });
  }
  await app.cancelPbxCommand(pbxId, afterCallWorkJobId(iface));
  const forcedBy: ForcedBy = { byName: lead.displayName, state: body.state, reason: body.reason, note: body.note?.trim() || null, at: app.clock.now().toISOString() };
  await app.redis.hset(agentForcedKey(app.config.redisPrefix, pbxId), iface, JSON.stringify(forcedBy));
  await audit('allowed');
  if (target.id) await app.publishLive(`user:${target.id}`, { type: 'agent.forced', interface: iface, ...forcedBy });
  const agent = result.agent;
  return {
    interface: agent.interface, state: agent.state, pausedReason: agent.pausedReason, isOnCall: agent.isOnCall,
    since: agent.pausedSince ? new Date(agent.pausedSince * 1000).toISOString() : null,
    afterCallWorkUntil: null, afterCallWorkSeconds, forcedBy,
  };
}

