/**
 * Response plans (应急预案): `admin` edits (each edit a new immutable version), the commander and the
 * centre desk read. Every change is audited as a configuration change of `response_plan`.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { createPlan, editPlan, getPlan, listPlans, setPlanActive, type PlanView } from './manage-plans.js';
import { createPlanSchema, editPlanSchema, getPlanSchema, listPlansSchema, setActiveSchema } from './response-plans.schemas.js';

export const PLAN_EDITORS = [ROLES.admin];
export const PLAN_READERS = [ROLES.admin, ROLES.commander, ROLES.dispatcher, ROLES.shift_lead];

export default async function responsePlanRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const audit = (request: Parameters<typeof app.audit>[0], action: (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS], plan: PlanView) =>
    app.audit(request, { action, outcome: 'allowed', resource: 'response_plan', resourceId: plan.id, details: { version: plan.latestVersion, active: plan.active } });

  app.get('/api/response-plans', { schema: listPlansSchema, config: { roles: PLAN_READERS } }, async () => listPlans(app.prisma));

  app.get('/api/response-plans/:id', { schema: getPlanSchema, config: { roles: PLAN_READERS } }, async (request) =>
    getPlan(app.prisma, request.params.id, request.query.version));

  app.post('/api/response-plans', { schema: createPlanSchema, config: { roles: PLAN_EDITORS } }, async (request, reply) => {
    const plan = await createPlan(app.prisma, request.body, requireActor(request).id, app.clock.now());
    await audit(request, AUDIT_ACTIONS.configCreate, plan);
    return reply.status(201).send(plan);
  });

  app.put('/api/response-plans/:id', { schema: editPlanSchema, config: { roles: PLAN_EDITORS } }, async (request) => {
    const plan = await editPlan(app.prisma, request.params.id, request.body, requireActor(request).id, app.clock.now());
    await audit(request, AUDIT_ACTIONS.configUpdate, plan);
    return plan;
  });

  app.post('/api/response-plans/:id/active', { schema: setActiveSchema, config: { roles: PLAN_EDITORS } }, async (request) => {
    const plan = await setPlanActive(app.prisma, request.params.id, request.body.active);
    await audit(request, plan.active ? AUDIT_ACTIONS.configEnable : AUDIT_ACTIONS.configDisable, plan);
    return plan;
  });
}
