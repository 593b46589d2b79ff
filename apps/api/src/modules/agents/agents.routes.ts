/**
 * The agent's own state: ready (logged in to the queue, not paused), paused with a reason
 * code, or logged out. The console calls this; the bridge turns it into QueueAdd, QueuePause
 * and QueueRemove for the agent's phone interface.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PAUSE_REASON_VALUES, ROLES } from '@yixian/domain';
import { liveAgentsKey } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';
import { requireActor } from '../../plugins/security.js';
import { agentInterfaceOf } from '../calls/live-queue.js';

const StateBodySchema = Type.Object(
  {
    state: Type.Union([Type.Literal('ready'), Type.Literal('paused'), Type.Literal('logged_out')]),
    reason: Type.Optional(Type.Union(PAUSE_REASON_VALUES.map((value) => Type.Literal(value)))),
  },
  { additionalProperties: false },
);

const stateSchema = {
  tags: ['agents'],
  summary: 'Set my agent state: ready, paused (with a reason code) or logged out',
  body: StateBodySchema,
  response: { 200: Type.Object({ state: Type.String(), interface: Type.String() }), ...AUTH_ERRORS, 409: ErrorSchema, 502: ErrorSchema, 504: ErrorSchema },
};

export default async function agentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/agents/me/state', { schema: stateSchema, config: { roles: [ROLES.agent, ROLES.shift_lead] } }, async (request) => {
    const actor = requireActor(request);
    if (!actor.extension) throw new AppError('conflict', 'Your account has no phone extension; ask an administrator', { field: 'extension' });
    const { state, reason } = request.body;
    if (state === 'paused' && !reason) throw new AppError('validation_failed', 'body.reason is required when pausing', { field: 'reason' });
    const iface = agentInterfaceOf(app.config.agentInterfaceTemplate, actor.extension);
    const pbxId = app.config.pbxId;
    const isMember = (await app.redis.hexists(liveAgentsKey(app.config.redisPrefix, pbxId), iface)) === 1;
    if (state === 'logged_out') {
      if (isMember) await app.sendPbxCommand(pbxId, { type: 'agent.logout', interface: iface });
    } else if (!isMember) {
      await app.sendPbxCommand(pbxId, { type: 'agent.login', interface: iface, memberName: actor.displayName, paused: state === 'paused' });
      if (state === 'paused') await app.sendPbxCommand(pbxId, { type: 'agent.pause', interface: iface, paused: true, reason });
    } else {
      await app.sendPbxCommand(pbxId, { type: 'agent.pause', interface: iface, paused: state === 'paused', reason: state === 'paused' ? reason : '' });
    }
    return { state, interface: iface };
  });
}

const answerSchema = {
  tags: ['agents'],
  summary: 'Pick up my ringing phone (demo mode with the PBX simulator; a real phone is answered on the phone)',
  body: Type.Optional(Type.Object({}, { additionalProperties: false })),
  response: { 200: Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) }), ...AUTH_ERRORS, 409: ErrorSchema, 502: ErrorSchema, 504: ErrorSchema },
};

export async function agentAnswerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/agents/me/answer', { schema: answerSchema, config: { roles: [ROLES.agent, ROLES.shift_lead] } }, async (request) => {
    const actor = requireActor(request);
    if (!actor.extension) throw new AppError('conflict', 'Your account has no phone extension; ask an administrator', { field: 'extension' });
    return app.sendPbxCommand(app.config.pbxId, { type: 'call.answer', interface: agentInterfaceOf(app.config.agentInterfaceTemplate, actor.extension) });
  });
}
