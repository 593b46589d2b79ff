/**
 * Registering and editing a unit's resource: a known kind with a measure that fits it (vehicles in
 * vehicles, people in persons, materials in tonnes, pieces, sets or cubic metres), a name, a
 * quantity of zero or more — never below what is committed to incidents now. Each change writes
 * its audit row in its transaction; an edit names the version it started from (409 `stale`).
 */
import type { FastifyRequest } from 'fastify';
import type { PrismaClient, Resource } from '@yixian/db';
import { RESOURCE_KIND_VALUES, RESOURCE_MEASURE_VALUES, type ResourceKind } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { recordChange } from '../config-changes/record-change.js';
import { committedOf } from './resource-view.js';

export interface ResourceInput { unitId: string; kind: string; name: string; measure: string; quantity: number; note?: string; active?: boolean }

const MEASURES_OF: Record<ResourceKind, readonly string[]> = {
  vehicle: ['vehicle'], person: ['person'], material: ['tonne', 'piece', 'set', 'cubic_metre'],
};

const invalid = (field: string, reason: string, message: string) => new AppError('validation_failed', message, { field, details: { reason } });

export async function checkResource(prisma: Pick<PrismaClient, 'unit'>, input: ResourceInput): Promise<Required<ResourceInput>> {
  if (!(RESOURCE_KIND_VALUES as readonly string[]).includes(input.kind)) throw invalid('kind', 'bad_kind', `kind must be one of ${RESOURCE_KIND_VALUES.join(', ')}`);
  if (!(RESOURCE_MEASURE_VALUES as readonly string[]).includes(input.measure)) throw invalid('measure', 'bad_measure', `measure must be one of ${RESOURCE_MEASURE_VALUES.join(', ')}`);
  const fits = MEASURES_OF[input.kind as ResourceKind];
  if (!fits.includes(input.measure)) throw invalid('measure', 'measure_mismatch', `a ${input.kind} is counted in ${fits.join(', ')}`);
  const name = input.name.trim();
  if (!name) throw invalid('name', 'bad_name', 'A resource needs a name');
  if (!Number.isFinite(input.quantity) || input.quantity < 0) throw invalid('quantity', 'bad_quantity', 'quantity must be zero or more');
  if (input.kind !== 'material' && !Number.isInteger(input.quantity)) throw invalid('quantity', 'bad_quantity', 'vehicles and people are counted in whole numbers');
  const unit = await prisma.unit.findUnique({ where: { id: input.unitId }, select: { active: true } });
  if (!unit || !unit.active) throw invalid('unitId', 'unknown_unit', `No active unit ${input.unitId}`);
  return { ...input, name, note: input.note?.trim() ?? '', active: input.active ?? true };
}

const auditView = (resource: Resource) => ({
  unitId: resource.unitId, kind: resource.kind, name: resource.name, measure: resource.measure, quantity: resource.quantity,
  note: resource.note, active: resource.active, version: resource.version,
});

export async function createResource(prisma: PrismaClient, request: FastifyRequest, input: Required<ResourceInput>, now: Date): Promise<Resource> {
  return prisma.$transaction(async (tx) => {
    const created = await tx.resource.create({ data: { ...input, createdAt: now } });
    await recordChange(tx, request, now, { act: 'create', resource: 'resource', resourceId: created.id, version: 1, before: null, after: auditView(created) });
    return created;
  });
}

export async function updateResource(prisma: PrismaClient, request: FastifyRequest, before: Resource, input: Required<ResourceInput>, version: number, now: Date): Promise<Resource> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`resource:${before.id}`}))`;
    const committed = (await committedOf(tx, [before.id])).get(before.id) ?? 0;
    if (input.quantity < committed) {
      throw new AppError('conflict', `${committed} ${before.measure} are committed to incidents now; the quantity cannot go below that`, {
        field: 'quantity', details: { reason: 'below_committed', committed },
      });
    }
    const { count } = await tx.resource.updateMany({ where: { id: before.id, version }, data: { ...input, version: { increment: 1 } } });
    if (count === 0) {
      const current = await tx.resource.findUniqueOrThrow({ where: { id: before.id } });
      throw new AppError('conflict', `This resource was changed by someone else (your version ${version}, now ${current.version}); reload it`, {
        field: 'version', details: { reason: 'stale', sentVersion: version, currentVersion: current.version },
      });
    }
    const after = await tx.resource.findUniqueOrThrow({ where: { id: before.id } });
    await recordChange(tx, request, now, { act: 'update', resource: 'resource', resourceId: after.id, version: after.version, before: auditView(before), after: auditView(after) });
    return after;
  });
}
