/**
 * Activation: the response plan for the incident's type and level is resolved, its units activated
 * (tier-wide entries → every active unit of that tier), its tasks created, and each new activation
 * started — an inbox entry with a text message for the unit, a push, and (after the commit) the
 * alert call to the on-duty phone. Re-applying never deactivates and never activates a unit twice.
 */
import type { Incident, Prisma } from '@yixian/db';
import { notify } from '../notifications/notify.js';
import { resolvePlan, type ResolvedPlan } from '../response-plans/resolve-plan.js';
import { pushToUnit } from './activation-calls.js';
import { createPlanTasks, type ActivatedUnit } from './create-plan-tasks.js';
import { findOnDuty } from '../duty-rosters/find-on-duty.js';
import type { Effects } from './incident-effects.js';
import { recordIncidentEvent } from './record-incident-event.js';

export interface ActivationActor { id: string | null; role: string }

/** Activates the given units that are not yet activated on the incident; returns the newly activated ones. */
export async function activateUnits(
  tx: Prisma.TransactionClient, incident: Incident, units: readonly ActivatedUnit[],
  input: { now: Date; actor: ActivationActor; planVersion: number | null }, effects: Effects,
): Promise<ActivatedUnit[]> {
  const existing = new Set((await tx.incidentActivation.findMany({ where: { incidentId: incident.id }, select: { unitId: true } })).map((a) => a.unitId));
  const fresh = units.filter((unit, index) => !existing.has(unit.id) && units.findIndex((u) => u.id === unit.id) === index);
  for (const unit of fresh) {
    const shift = await findOnDuty(tx, unit.id, input.now, 'on_duty');
    const activation = await tx.incidentActivation.create({
      data: {
        incidentId: incident.id, unitId: unit.id, tier: unit.linkageTier, state: 'notifying', target: 'on_duty',
        dutyShiftId: shift?.id ?? null, attempts: 0, createdAt: input.now,
      },
    });
    await recordIncidentEvent(tx, {
      incidentId: incident.id, action: 'activate', actorId: input.actor.id, actorRole: input.actor.role, unitId: unit.id,
      data: { activationId: activation.id, tier: unit.linkageTier, planVersion: input.planVersion }, at: input.now,
    });
    await notify(tx, { unitId: unit.id }, {
      ticketId: null, kind: 'incident_activation', dedupeKey: `incident-activation-${activation.id}`, sms: true,
      title: `【${incident.level}级响应】突发事件 ${incident.code} ${incident.title.slice(0, 80)}：请立即确认`,
    });
    await pushToUnit(tx, activation, 'created');
    effects.calls.push({ activationId: activation.id, target: 'on_duty', attempt: 1 });
  }
  if (fresh.length > 0) effects.incidentIds.add(incident.id);
  return fresh;
}

/**
 * Applies the plan for the incident's (type, subtype, level): records its id and version on the
 * incident and activates its units with their tasks. Returns the plan, or null when none matches.
 */
export async function applyResponsePlan(
  tx: Prisma.TransactionClient, incident: Incident, input: { now: Date; actor: ActivationActor }, effects: Effects,
): Promise<{ plan: ResolvedPlan | null; activated: number; tasks: number }> {
  const plan = await resolvePlan(tx, incident);
  if (!plan) return { plan: null, activated: 0, tasks: 0 };
  await tx.incident.update({ where: { id: incident.id }, data: { planId: plan.planId, planVersion: plan.version } });
  const tiers = [...new Set(plan.entries.flatMap((entry) => entry.tiers))];
  const unitIds = [...new Set(plan.entries.flatMap((entry) => entry.unitIds))];
  const units = await tx.unit.findMany({
    where: { active: true, OR: [{ linkageTier: { in: tiers } }, { id: { in: unitIds } }] },
    select: { id: true, linkageTier: true }, orderBy: [{ linkageTier: 'asc' }, { code: 'asc' }],
  });
  const fresh = await activateUnits(tx, incident, units, { now: input.now, actor: input.actor, planVersion: plan.version }, effects);
  const tasks = await createPlanTasks(tx, incident, plan.entries, fresh, { now: input.now, createdById: input.actor.id });
  return { plan, activated: fresh.length, tasks };
}
