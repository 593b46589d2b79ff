/**
 * Incidents (突发事件): report, escalate a ticket, list and read, the lifecycle acts, reports, and the
 * activations (acknowledge, field status, activate by hand, conference). Scope: the centre sees all,
 * a unit what it reported or is activated on; a refusal (403, or 404 outside scope) is audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES, type IncidentAction } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { createIncident, escalateTicket } from './create-incident.js';
import { runAct, type ActBody } from './incident-acts.js';
import type { IncidentDeps } from './incident-deps.js';
import { newEffects, runEffects, type Effects } from './incident-effects.js';
import { acknowledgeInApp, activateByHand, setFieldStatus } from './manage-activations.js';
import { getIncidentDetail, listIncidents, presentActivations } from './read-incidents.js';
import { runIncidentAction } from './run-incident-action.js';
import { startIncidentConference } from './start-conference.js';
import { submitReport } from './submit-report.js';
import {
  acknowledgeSchema, actionSchema, activateSchema, conferenceSchema, createIncidentSchema, escalateTicketSchema, fieldStatusSchema,
  getIncidentSchema, listActivationsSchema, listIncidentsSchema, reportSchema,
} from './incidents.schemas.js';

const R = ROLES;
const UNIT = [R.dept_handler, R.dept_admin, R.grid_member];
const DESK = [R.dispatcher, R.shift_lead, R.commander];
export const INCIDENT_READERS = [R.agent, ...DESK, ...UNIT];
export const INCIDENT_REPORTERS = [R.agent, ...DESK, ...UNIT];
const ESCALATORS = [R.agent, ...DESK];
const ACTIVATORS = [R.commander, R.dispatcher];
type AuditedResource = 'incident' | 'ticket' | 'incident_activation';

export default async function incidentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const deps: IncidentDeps = { prisma: app.prisma, redis: app.redis, config: app.config, clock: app.clock };

  /** Whether the record exists at all: a 404 for one that exists is a refusal (outside the actor's scope). */
  async function exists(resource: AuditedResource, id: string): Promise<boolean> {
    if (resource === 'incident') return (await app.prisma.incident.count({ where: { id } })) > 0;
    if (resource === 'ticket') return (await app.prisma.ticket.count({ where: { id } })) > 0;
    return (await app.prisma.incidentActivation.count({ where: { id } })) > 0;
  }

  /** Runs a request's work; a refusal (403, or 404 for a record outside the actor's scope) is audited with the record named. */
  async function audited<T>(request: FastifyRequest, resource: AuditedResource, resourceId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const refused = error instanceof AppError
        && (error.code === 'forbidden' || (error.code === 'not_found' && error.extra.field === 'id' && (await exists(resource, resourceId))));
      if (refused) {
        await app.audit(request, {
          action: AUDIT_ACTIONS.accessDenied, outcome: 'denied', resource, resourceId,
          reason: (error as AppError).code === 'forbidden' ? 'forbidden' : 'out_of_scope',
        });
      }
      throw error;
    }
  }
  const detail = (actor: Actor, id: string) => getIncidentDetail(app.prisma, actor, id, app.clock.now());
  const after = async (effects: Effects) => runEffects(deps, effects);

  app.post('/api/incidents', { schema: createIncidentSchema, config: { roles: INCIDENT_REPORTERS } }, async (request, reply) => {
    const actor = requireActor(request);
    const incident = await audited(request, 'incident', 'new', () => createIncident(app.prisma, actor, request.body, app.clock.now()));
    await after({ ...newEffects(), incidentIds: new Set([incident.id]) });
    return reply.status(201).send(await detail(actor, incident.id));
  });

  app.post('/api/tickets/:id/escalate-incident', { schema: escalateTicketSchema, config: { roles: ESCALATORS } }, async (request, reply) => {
    const actor = requireActor(request);
    const incident = await audited(request, 'ticket', request.params.id, () => escalateTicket(app.prisma, actor, request.params.id, request.body, app.clock.now()));
    await after({ ...newEffects(), incidentIds: new Set([incident.id]) });
    return reply.status(201).send(await detail(actor, incident.id));
  });

  app.get('/api/incidents', { schema: listIncidentsSchema, config: { roles: INCIDENT_READERS } }, async (request) => {
    const { page, pageSize, ...filters } = request.query;
    return listIncidents(app.prisma, requireActor(request), { ...filters, page: page ?? 1, pageSize: pageSize ?? 20 }, app.clock.now());
  });

  app.get('/api/incidents/:id', { schema: getIncidentSchema, config: { roles: INCIDENT_READERS } }, async (request) =>
    audited(request, 'incident', request.params.id, () => detail(requireActor(request), request.params.id)));

  app.post('/api/incidents/:id/actions/:action', { schema: actionSchema, config: { roles: DESK } }, async (request) => {
    const actor = requireActor(request);
    const { id, action } = request.params;
    const body = request.body as ActBody;
    const effects = newEffects();
    await audited(request, 'incident', id, () => runIncidentAction(app.prisma, { actor, incidentId: id, action: action as IncidentAction, version: body.version, now: app.clock.now() },
      (context) => runAct(context, action as IncidentAction, body, effects)));
    await after(effects);
    return detail(actor, id);
  });

  app.post('/api/incidents/:id/reports', { schema: reportSchema, config: { roles: DESK } }, async (request, reply) => {
    const actor = requireActor(request);
    const report = await audited(request, 'incident', request.params.id, () => submitReport(app.prisma, actor, request.params.id, request.body, app.clock.now()));
    await after({ ...newEffects(), incidentIds: new Set([request.params.id]) });
    const names = await app.prisma.user.findUnique({ where: { id: actor.id }, select: { displayName: true } });
    return reply.status(201).send({
      id: report.id, kind: report.kind, text: report.text, deaths: report.deaths, injuries: report.injuries, missing: report.missing,
      dueAt: report.dueAt?.toISOString() ?? null, late: report.late, at: report.at.toISOString(), by: { id: actor.id, name: names?.displayName ?? '' },
    });
  });

  app.post('/api/incidents/:id/activations', { schema: activateSchema, config: { roles: ACTIVATORS } }, async (request) => {
    const actor = requireActor(request);
    const { effects, activated } = await audited(request, 'incident', request.params.id,
      () => activateByHand(app.prisma, actor, request.params.id, request.body.unitIds, app.clock.now(), request.body.version));
    await after(effects);
    return { activated, incident: await detail(actor, request.params.id) };
  });

  app.get('/api/incident-activations', { schema: listActivationsSchema, config: { roles: INCIDENT_READERS } }, async (request) => {
    const actor = requireActor(request);
    const centre = actor.roles.some((role) => DESK.includes(role as (typeof DESK)[number]) || role === R.agent);
    const mine = request.query.mine === '1' || !centre;
    if (mine && !actor.unitId) return { items: [] };
    const items = await presentActivations(app.prisma, {
      ...(mine ? { unitId: actor.unitId! } : {}),
      ...(request.query.state ? { state: request.query.state } : {}),
      ...(request.query.incidentId ? { incidentId: request.query.incidentId } : {}),
    });
    return { items };
  });

  const activationAnswer = async (id: string) => (await presentActivations(app.prisma, { id }))[0]!;

  app.post('/api/incident-activations/:id/acknowledge', { schema: acknowledgeSchema, config: { roles: UNIT } }, async (request) => {
    const actor = requireActor(request);
    const effects = await audited(request, 'incident_activation', request.params.id, () => acknowledgeInApp(app.prisma, actor, request.params.id, app.clock.now()));
    await after(effects);
    return activationAnswer(request.params.id);
  });

  app.post('/api/incident-activations/:id/field-status', { schema: fieldStatusSchema, config: { roles: [...UNIT, ...DESK] } }, async (request) => {
    const actor = requireActor(request);
    const effects = await audited(request, 'incident_activation', request.params.id,
      () => setFieldStatus(app.prisma, actor, request.params.id, request.body.fieldStatus, app.clock.now()));
    await after(effects);
    return activationAnswer(request.params.id);
  });

  app.post('/api/incidents/:id/conference', { schema: conferenceSchema, config: { roles: ACTIVATORS } }, async (request) => {
    const actor = requireActor(request);
    const answer = await audited(request, 'incident', request.params.id,
      () => startIncidentConference(deps, actor, request.params.id, [...new Set(request.body.unitIds)]));
    await after({ ...newEffects(), incidentIds: new Set([request.params.id]) });
    return answer;
  });
}
