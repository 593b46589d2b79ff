import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { callerKey } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import { CALL_READERS } from './call-access.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { decideCallReveal } from '../privacy/reveal-policy.js';
import { findTicketsOfCall } from '../tickets/tickets.service.js';
import { presentCall } from './call-presenter.js';
import { findCallerHistory } from './caller-history.js';
import { getCall, listCalls, parseCallerNumber } from './calls.service.js';
import { agentInterfaceOf, readLiveQueue } from './live-queue.js';
import {
  callHistorySchema, callerHistorySchema, conferenceSchema, getCallSchema, hangupSchema, listCallsSchema, listenSchema,
  liveQueueSchema, revealCallerSchema, transferSchema,
} from './calls.schemas.js';

const CALL_HANDLERS = [ROLES.agent, ROLES.shift_lead];
const OPEN_CALL_STATES = new Set(['offered', 'ringing', 'answered']);

export default async function callRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/calls', { schema: listCallsSchema, config: { roles: CALL_READERS } }, async (request) => {
    const q = request.query;
    const { total, items } = await listCalls(app.prisma, {
      hotline: q.hotline, state: q.state, agent: q.agent, caller: q.caller,
      from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
      page: q.page ?? 1, pageSize: q.pageSize ?? 20,
    });
    return { total, items: items.map(presentCall) };
  });

  app.get('/api/calls/:id', { schema: getCallSchema, config: { roles: CALL_READERS } }, async (request) =>
    presentCall(await getCall(app.prisma, request.params.id)),
  );

  app.get('/api/calls/:id/caller-history', { schema: callHistorySchema, config: { roles: CALL_READERS } }, async (request) => {
    const id = request.params.id;
    const call = await app.prisma.call.findFirst({ where: { OR: [{ linkedid: id }, ...(/^[0-9a-f-]{36}$/i.test(id) ? [{ id }] : [])] } });
    // The screen pop can ask before the worker wrote the record: the bridge keeps the caller beside the queue.
    const number = call?.callerNumber ?? (await app.redis.hget(callerKey(app.config.redisPrefix, app.config.pbxId, id), 'number'));
    if (!number) throw new AppError('not_found', `No call ${id}`, { field: 'id' });
    return findCallerHistory(app.prisma, requireActor(request), number, app.clock.now(), call?.linkedid ?? id);
  });

  app.get('/api/callers/:number/history', { schema: callerHistorySchema, config: { roles: CALL_READERS } }, async (request) =>
    findCallerHistory(app.prisma, requireActor(request), parseCallerNumber(request.params.number, 'number'), app.clock.now()),
  );

  app.post('/api/calls/:id/reveal-caller', { schema: revealCallerSchema, config: { roles: CALL_READERS } }, async (request) => {
    const call = await getCall(app.prisma, request.params.id);
    const entry = { action: AUDIT_ACTIONS.revealPhone, resource: 'call', resourceId: call.id, reason: request.body.reason };
    const tickets = await findTicketsOfCall(app.prisma, call.id);
    const decision = decideCallReveal(requireActor(request), tickets);
    if (!decision.allowed) {
      await app.audit(request, { ...entry, outcome: 'denied', details: { ticketId: decision.ticketId ?? null } });
      throw new AppError('forbidden', `${decision.message} (a ticket taken from this call)`);
    }
    await app.audit(request, { ...entry, outcome: 'allowed' });
    return { callerNumber: call.callerNumber };
  });

  app.get('/api/queue/live', { schema: liveQueueSchema, config: { roles: CALL_READERS } }, async () =>
    readLiveQueue({
      redis: app.redis, prisma: app.prisma, prefix: app.config.redisPrefix, pbxId: app.config.pbxId,
      interfaceTemplate: app.config.agentInterfaceTemplate, now: app.clock.now(),
    }),
  );

  /** A call still in progress, or 409: a finished call cannot be hung up or transferred. */
  async function openCall(id: string) {
    const call = await getCall(app.prisma, id);
    if (!OPEN_CALL_STATES.has(call.state)) {
      throw new AppError('conflict', `Call ${call.linkedid} is ${call.state}`, { details: { state: call.state } });
    }
    return call;
  }

  app.post('/api/calls/:id/hangup', { schema: hangupSchema, config: { roles: CALL_HANDLERS } }, async (request) => {
    const call = await openCall(request.params.id);
    return app.sendPbxCommand(call.pbxId, { type: 'call.hangup', linkedid: call.linkedid });
  });

  app.post('/api/calls/:id/transfer', { schema: transferSchema, config: { roles: CALL_HANDLERS } }, async (request) => {
    const call = await openCall(request.params.id);
    return app.sendPbxCommand(call.pbxId, { type: 'call.transfer', linkedid: call.linkedid, exten: request.body.destination, context: 'yixian-transfer' });
  });

  app.post('/api/calls/:id/conference', { schema: conferenceSchema, config: { roles: CALL_HANDLERS } }, async (request) => {
    const call = await openCall(request.params.id);
    return app.sendPbxCommand(call.pbxId, { type: 'call.conference', linkedid: call.linkedid, exten: request.body.destination, context: 'yixian-transfer' });
  });

  app.post('/api/calls/:id/listen', { schema: listenSchema, config: { roles: [ROLES.shift_lead] } }, async (request) => {
    const actor = requireActor(request);
    if (!actor.extension) throw new AppError('conflict', 'Your account has no phone extension to listen on', { field: 'extension' });
    const call = await openCall(request.params.id);
    const supervisorInterface = agentInterfaceOf(app.config.agentInterfaceTemplate, actor.extension);
    const audit = (outcome: 'allowed' | 'failed', error: string | null = null) => app.audit(request, {
      action: AUDIT_ACTIONS.listenCall, outcome, resource: 'call', resourceId: call.id,
      details: { mode: request.body.mode, supervisorInterface, agentInterface: call.agentInterface, error },
    });
    try {
      const result = await app.sendPbxCommand(call.pbxId, { type: 'call.listen', linkedid: call.linkedid, mode: request.body.mode, supervisorInterface });
      await audit('allowed');
      return result;
    } catch (error) {
      await audit('failed', error instanceof AppError ? error.code : 'failed');
      throw error;
    }
  });
}
