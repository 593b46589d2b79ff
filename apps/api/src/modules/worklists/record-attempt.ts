/**
 * The agent's result and note on an attempt: it may correct what the PBX said (the citizen
 * answered, but it was a wrong number). The agent who made it or a shift lead records it; audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { agentNamesOf, presentAttempt } from './attempt-presenter.js';
import type { AttemptView, RecordAttempt } from './worklists.schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An attempt the actor may read: their own, or any for a shift lead; 404 otherwise. */
export async function getOwnAttempt(app: FastifyInstance, actor: Actor, id: string) {
  const attempt = UUID.test(id) ? await app.prisma.callbackAttempt.findUnique({ where: { id } }) : null;
  if (!attempt || (attempt.agentUserId !== actor.id && !actor.roles.includes(ROLES.shift_lead))) {
    throw new AppError('not_found', `No attempt ${id}`, { field: 'id' });
  }
  return attempt;
}

export async function presentAttemptById(app: FastifyInstance, actor: Actor, id: string): Promise<AttemptView> {
  const attempt = await getOwnAttempt(app, actor, id);
  return presentAttempt(attempt, await agentNamesOf(app.prisma, [attempt]));
}

export async function recordAttempt(app: FastifyInstance, request: FastifyRequest, actor: Actor, id: string, body: RecordAttempt): Promise<AttemptView> {
  const attempt = await getOwnAttempt(app, actor, id);
  const note = body.note?.trim() || null;
  const saved = await app.prisma.callbackAttempt.update({
    where: { id: attempt.id },
    data: { result: body.result, note, recordedById: actor.id, recordedAt: app.clock.now() },
  });
  await app.audit(request, {
    action: AUDIT_ACTIONS.calloutResult, outcome: 'allowed', resource: 'callback_attempt', resourceId: attempt.id,
    details: { result: body.result, pbxResult: attempt.pbxResult },
  });
  return presentAttempt(saved, await agentNamesOf(app.prisma, [saved]));
}
