/**
 * An incident's resources: a request (`requested`) → allocated (at most what is available now:
 * quantity − committed, under an advisory lock on the resource so two allocations cannot both take
 * the last of it) | refused with a reason; allocated → returned (the resource is free again; the
 * amount dispatched still counts in the totals). Each step writes its incident trail entry
 * (resource_requested / _allocated / _refused / _returned) and a live push in its transaction.
 */
import type { Prisma, PrismaClient, ResourceAllocation } from '@yixian/db';
import { ALLOCATION_STATES, INCIDENT_STATES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { actingRole, pushIncidentChanged, recordTaskEvent } from '../incident-tasks/task-effects.js';
import { ALLOCATION_DECIDERS, ALLOCATION_REQUESTERS, assertMayDecide } from './resource-access.js';
import { committedOf } from './resource-view.js';

export const ALLOCATION_ACTIONS = ['allocate', 'refuse', 'return'] as const;
export type AllocationAction = (typeof ALLOCATION_ACTIONS)[number];

const OPEN_INCIDENT: readonly string[] = [INCIDENT_STATES.filed, INCIDENT_STATES.responding, INCIDENT_STATES.handled];

async function record(tx: Prisma.TransactionClient, actor: Actor, allocation: ResourceAllocation, action: string, roles: readonly string[], now: Date, reason: string | null, extra: Record<string, unknown> = {}) {
  const resource = await tx.resource.findUniqueOrThrow({ where: { id: allocation.resourceId }, select: { unitId: true, name: true, measure: true } });
  const event = await recordTaskEvent(tx, {
    incidentId: allocation.incidentId, action, actorId: actor.id, actorRole: actingRole(actor.roles, roles), unitId: resource.unitId, reason,
    data: { allocationId: allocation.id, resourceId: allocation.resourceId, resourceName: resource.name, measure: resource.measure, ...extra }, at: now,
  });
  await pushIncidentChanged(tx, allocation.incidentId, `e${event.id}`);
}

export async function requestAllocation(
  prisma: PrismaClient, actor: Actor, incidentId: string, input: { resourceId: string; requested: number; note?: string }, now: Date,
): Promise<ResourceAllocation> {
  if (!Number.isFinite(input.requested) || input.requested <= 0) throw new AppError('validation_failed', 'requested must be more than zero', { field: 'requested' });
  return prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true, code: true, state: true } });
    if (!incident) throw new AppError('not_found', `No incident ${incidentId}`, { field: 'id' });
    if (!OPEN_INCIDENT.includes(incident.state)) {
      throw new AppError('conflict', `Resources are requested for a filed, responding or handled incident; ${incident.code} is ${incident.state}`, { details: { reason: 'incident_state' } });
    }
    const resource = await tx.resource.findUnique({ where: { id: input.resourceId } });
    if (!resource || !resource.active) throw new AppError('validation_failed', `No active resource ${input.resourceId}`, { field: 'resourceId' });
    const allocation = await tx.resourceAllocation.create({
      data: { incidentId, resourceId: resource.id, state: ALLOCATION_STATES.requested, requested: input.requested, requestedById: actor.id, requestedAt: now, note: input.note?.trim() ?? '' },
    });
    await record(tx, actor, allocation, 'resource_requested', ALLOCATION_REQUESTERS, now, null, { requested: input.requested });
    return allocation;
  });
}

export async function runAllocationAction(
  prisma: PrismaClient, actor: Actor, id: string, action: AllocationAction, body: { allocated?: number; reason?: string }, now: Date,
): Promise<ResourceAllocation> {
  return prisma.$transaction(async (tx) => {
    const found = await tx.resourceAllocation.findUnique({ where: { id }, include: { resource: { select: { unitId: true } } } });
    if (!found) throw new AppError('not_found', `No allocation ${id}`, { field: 'id' });
    assertMayDecide(actor, found.resource.unitId);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`resource:${found.resourceId}`}))`;
    const allocation = await tx.resourceAllocation.findUniqueOrThrow({ where: { id } });
    const from = action === 'return' ? ALLOCATION_STATES.allocated : ALLOCATION_STATES.requested;
    if (allocation.state !== from) {
      throw new AppError('conflict', `An allocation that is ${allocation.state} cannot be ${action === 'allocate' ? 'allocated' : action === 'refuse' ? 'refused' : 'returned'}`, {
        details: { reason: 'allocation_state', state: allocation.state },
      });
    }
    if (action === 'allocate') {
      const amount = body.allocated ?? allocation.requested;
      if (!Number.isFinite(amount) || amount <= 0) throw new AppError('validation_failed', 'allocated must be more than zero', { field: 'allocated' });
      const resource = await tx.resource.findUniqueOrThrow({ where: { id: allocation.resourceId } });
      const available = resource.quantity - ((await committedOf(tx, [resource.id])).get(resource.id) ?? 0);
      if (amount > available) {
        throw new AppError('conflict', `Only ${available} ${resource.measure} of ${resource.name} are available`, { field: 'allocated', details: { reason: 'over_available', available } });
      }
      const updated = await tx.resourceAllocation.update({ where: { id }, data: { state: ALLOCATION_STATES.allocated, allocated: amount, allocatedAt: now, allocatedById: actor.id } });
      await record(tx, actor, updated, 'resource_allocated', ALLOCATION_DECIDERS, now, null, { requested: updated.requested, allocated: amount });
      return updated;
    }
    if (action === 'refuse') {
      const reason = body.reason?.trim() ?? '';
      if (!reason) throw new AppError('validation_failed', 'Say why the request is refused', { field: 'reason' });
      const updated = await tx.resourceAllocation.update({ where: { id }, data: { state: ALLOCATION_STATES.refused } });
      await record(tx, actor, updated, 'resource_refused', ALLOCATION_DECIDERS, now, reason, { requested: updated.requested });
      return updated;
    }
    const updated = await tx.resourceAllocation.update({ where: { id }, data: { state: ALLOCATION_STATES.returned, returnedAt: now } });
    await record(tx, actor, updated, 'resource_returned', ALLOCATION_DECIDERS, now, null, { allocated: updated.allocated });
    return updated;
  });
}
