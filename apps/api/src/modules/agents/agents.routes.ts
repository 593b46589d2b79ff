/**
 * The agent's own state and call: set it on the PBX (one desired-state command, answered with
 * the PBX's state), read it back with the end of after-call work, and find the call being
 * talked on (or just ended, during its after-call work) after a reload. See agents.service.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import { presentCall } from '../calls/call-presenter.js';
import { answerSchema, currentCallSchema, forceStateSchema, getStateSchema, setStateSchema } from './agents.schemas.js';
import { forceAgentState } from './force-agent-state.js';
import { findMyCurrentCall, myInterface, readAgentState, setAgentState } from './agents.service.js';

const AGENT_ROLES = [ROLES.agent, ROLES.shift_lead];

export default async function agentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/agents/me/state', { schema: setStateSchema, config: { roles: AGENT_ROLES } }, async (request) =>
    setAgentState(app, requireActor(request), request.body),
  );

  app.get('/api/agents/me/state', { schema: getStateSchema, config: { roles: AGENT_ROLES } }, async (request) =>
    readAgentState(app, requireActor(request)),
  );

  // The shift lead's hand on the floor: pause an agent or sign them out, with a reason.
  app.post('/api/agents/:id/state', { schema: forceStateSchema, config: { roles: [ROLES.shift_lead] } }, async (request) =>
    forceAgentState(app, request, requireActor(request), request.params.id, request.body),
  );

  app.get('/api/agents/me/current-call', { schema: currentCallSchema, config: { roles: AGENT_ROLES } }, async (request) => {
    const call = await findMyCurrentCall(app, requireActor(request));
    return { call: call ? presentCall(call) : null };
  });
}

export async function agentAnswerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/agents/me/answer', { schema: answerSchema, config: { roles: AGENT_ROLES } }, async (request) =>
    app.sendPbxCommand(app.config.pbxId, { type: 'call.answer', interface: myInterface(app, requireActor(request)) }),
  );
}
