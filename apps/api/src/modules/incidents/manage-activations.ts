/**
 * A unit's side of an activation: acknowledge it in the app (the calls stop), report its field
 * status; and the centre's: activate more units by hand. Each in one transaction; effects after.
 */
import type { PrismaClient } from '@yixian/db';
import { CENTRE_ROLES, ROLES, type FieldStatus } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { acknowledgeActivation, pushToUnit } from './activation-calls.js';
import { activateUnits } from './activate-units.js';
import { newEffects, type Effects } from './incident-effects.js';
import { recordIncidentEvent } from './record-incident-event.js';
import { assertVersion, lockIncidentInScope } from './run-incident-action.js';

const UNIT_ROLES: readonly string[] = [ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member];
const ACTIVATING_STATES = ['filed', 'responding', 'handled'];

async function lockActivationFor(prisma: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0], actor: Actor, id: string, mayCentre: boolean) {
  await prisma.$queryRaw`SELECT id FROM incident_activation WHERE id = ${id} FOR UPDATE`;
  const activation = await prisma.incidentActivation.findUnique({ where: { id }, include: { incident: true } });
  const isCentre = mayCentre && actor.roles.some((role) => CENTRE_ROLES.includes(role));
  const isUnit = actor.unitId !== null && activation?.unitId === actor.unitId && actor.roles.some((role) => UNIT_ROLES.includes(role));
  // Outside the actor's unit (and not the centre's to touch) it does not exist for them.
  if (!activation || (!isCentre && !isUnit)) throw new AppError('not_found', `No activation ${id}`, { field: 'id' });
  return { activation, role: isUnit ? actor.roles.find((role) => UNIT_ROLES.includes(role))! : actor.roles.find((role) => CENTRE_ROLES.includes(role))! };
}

/** A user of the activated unit acknowledges in the app; a second acknowledgement changes nothing. */
export async function acknowledgeInApp(prisma: PrismaClient, actor: Actor, id: string, now: Date): Promise<Effects> {
  const effects = newEffects();
  await prisma.$transaction(async (tx) => {
    const { activation, role } = await lockActivationFor(tx, actor, id, false);
    if (activation.acknowledgedAt) return;
    if (activation.state === 'stood_down') throw new AppError('conflict', 'This activation was stood down', { details: { reason: 'stood_down' } });
    await acknowledgeActivation(tx, activation, { via: 'app', userId: actor.id, role }, now, effects);
  });
  return effects;
}

export async function setFieldStatus(prisma: PrismaClient, actor: Actor, id: string, fieldStatus: FieldStatus, now: Date): Promise<Effects> {
  const effects = newEffects();
  await prisma.$transaction(async (tx) => {
    const { activation, role } = await lockActivationFor(tx, actor, id, true);
    if (activation.fieldStatus === fieldStatus) return;
    if (['closed', 'dismissed'].includes(activation.incident.state)) {
      throw new AppError('conflict', `Incident ${activation.incident.code} is ${activation.incident.state}`, { details: { reason: 'incident_ended' } });
    }
    await tx.incidentActivation.update({ where: { id }, data: { fieldStatus } });
    await recordIncidentEvent(tx, {
      incidentId: activation.incidentId, action: 'field_status', actorId: actor.id, actorRole: role, unitId: activation.unitId,
      data: { activationId: id, from: activation.fieldStatus, fieldStatus }, at: now,
    });
    await pushToUnit(tx, activation, `field-${fieldStatus}-${now.getTime()}`);
    effects.incidentIds.add(activation.incidentId);
  });
  return effects;
}

/** The commander or a dispatcher activates more units by hand (filed, responding or handled incidents). */
export async function activateByHand(prisma: PrismaClient, actor: Actor, incidentId: string, unitIds: string[], now: Date, version?: number) {
  const effects = newEffects();
  const role = actor.roles.find((r) => r === ROLES.commander || r === ROLES.dispatcher)!;
  const activated = await prisma.$transaction(async (tx) => {
    const incident = await lockIncidentInScope(tx, actor, incidentId);
    if (version !== undefined) assertVersion(incident, version);
    if (!ACTIVATING_STATES.includes(incident.state)) {
      throw new AppError('conflict', `Units are activated on a filed incident, not one in state ${incident.state}`, { details: { reason: 'illegal_state', state: incident.state } });
    }
    const units = await tx.unit.findMany({ where: { id: { in: unitIds }, active: true }, select: { id: true, linkageTier: true } });
    const missing = unitIds.findIndex((unitId) => !units.some((unit) => unit.id === unitId));
    if (missing >= 0) throw new AppError('validation_failed', `unitIds[${missing}]: no active unit ${unitIds[missing]}`, { field: `unitIds[${missing}]` });
    const fresh = await activateUnits(tx, incident, units, { now, actor: { id: actor.id, role }, planVersion: null }, effects);
    effects.incidentIds.add(incident.id);
    return fresh.length;
  });
  return { effects, activated };
}
