/**
 * 一键联动会商: one ConfBridge room, and each chosen unit's on-duty phone (its activation's person,
 * else whoever is on duty now, else the unit's duty line) rung into it. The units must be activated
 * on the incident. Trail `conference` with the room and the units (never a number).
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { findOnDuty } from '../duty-rosters/find-on-duty.js';
import { startLinkageConference } from './alert-call-adapter.js';
import type { IncidentDeps } from './incident-deps.js';
import { recordIncidentEvent } from './record-incident-event.js';
import { retryRulesOf } from './activation-calls.js';
import { lockIncidentInScope } from './run-incident-action.js';

const OPEN_STATES = ['filed', 'responding', 'handled'];

export async function startIncidentConference(deps: IncidentDeps & { prisma: PrismaClient }, actor: Actor, incidentId: string, unitIds: string[]) {
  const now = deps.clock.now();
  const role = actor.roles.find((r) => r === 'commander' || r === 'dispatcher') ?? actor.roles[0]!;
  const plan = await deps.prisma.$transaction(async (tx) => {
    const incident = await lockIncidentInScope(tx, actor, incidentId);
    if (!OPEN_STATES.includes(incident.state)) {
      throw new AppError('conflict', `No conference on an incident in state ${incident.state}`, { details: { reason: 'illegal_state', state: incident.state } });
    }
    const activations = await tx.incidentActivation.findMany({ where: { incidentId, unitId: { in: unitIds } } });
    const parties: { key: string; number: string | null; activationId: string; dutyShiftId: string | null }[] = [];
    for (const [index, unitId] of unitIds.entries()) {
      const activation = activations.find((a) => a.unitId === unitId);
      if (!activation) throw new AppError('validation_failed', `unitIds[${index}]: unit ${unitId} is not activated on this incident`, { field: `unitIds[${index}]` });
      const shift = (activation.dutyShiftId ? await tx.dutyShift.findUnique({ where: { id: activation.dutyShiftId } }) : null)
        ?? (await findOnDuty(tx, unitId, now, 'on_duty'));
      const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { dutyPhone: true } });
      parties.push({ key: unitId, number: shift?.phone ?? unit?.dutyPhone ?? null, activationId: activation.id, dutyShiftId: shift?.id ?? null });
    }
    const ringSeconds = (await retryRulesOf(tx, incident)).ringSeconds;
    return { parties, ringSeconds };
  });
  const dialable = plan.parties.filter((p): p is typeof p & { number: string } => p.number !== null);
  const started = dialable.length > 0
    ? await startLinkageConference(deps, dialable, plan.ringSeconds)
    : { room: null, calls: [] };
  const calls = plan.parties.map((party) => {
    const call = started.calls.find((c) => c.key === party.key);
    return { unitId: party.key, alertCallId: call?.alertCallId ?? null, error: party.number === null ? 'no_number' : call?.error ?? null };
  });
  await deps.prisma.$transaction((tx) => recordIncidentEvent(tx, {
    incidentId, action: 'conference', actorId: actor.id, actorRole: role,
    data: { room: started.room, unitIds, placed: calls.filter((c) => c.alertCallId).length }, at: now,
  }));
  return { room: started.room, calls };
}
