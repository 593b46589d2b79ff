/**
 * Creating and editing a unit: validated, written with its handled categories and its audit
 * row in one transaction, then announced (`units`, and `categories` when some moved) so no
 * cached copy outlives it. An edit names the version it started from; a stale one is a 409.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { assignHandledCategories } from './assign-handled-categories.js';
import { findUnitView, type UnitView } from './unit-view.js';
import { normaliseUnitInput, validateUnit, type UnitInput } from './validate-unit.js';

function unitFields(input: UnitInput) {
  const { categoryIds: _categories, ...fields } = input;
  return fields;
}

/** A unique-code race lost to a concurrent create answers like the checked case. */
function codeTakenOr(error: unknown, code: string): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    return new AppError('validation_failed', `The code ${code} belongs to another unit`, { field: 'code', details: { reason: 'code_taken' } });
  }
  return error;
}

async function announce(app: FastifyInstance, movedCategories: number): Promise<void> {
  await app.configChanged(movedCategories > 0 ? ['units', 'categories'] : ['units']);
}

export async function createUnit(app: FastifyInstance, request: FastifyRequest, raw: UnitInput): Promise<UnitView> {
  const input = normaliseUnitInput(raw);
  const at = app.clock.now();
  const { view, moved } = await app.prisma.$transaction(async (tx) => {
    await validateUnit(tx, input, null);
    const id = randomUUID();
    await tx.unit.create({ data: { id, ...unitFields(input) } });
    const moved = await assignHandledCategories(tx, request, at, { unitId: id, wanted: input.categoryIds ?? [], current: [] });
    const view = (await findUnitView(tx, id))!;
    await recordChange(tx, request, at, { act: 'create', resource: 'unit', resourceId: id, version: view.version, before: null, after: view, summary: { movedCategories: moved } });
    return { view, moved };
  }).catch((error: unknown) => { throw codeTakenOr(error, input.code); });
  await announce(app, moved.length);
  return view;
}

export async function updateUnit(app: FastifyInstance, request: FastifyRequest, id: string, raw: UnitInput & { version: number }): Promise<UnitView> {
  const { version, ...input } = normaliseUnitInput(raw);
  const at = app.clock.now();
  const { view, moved } = await app.prisma.$transaction(async (tx) => {
    const before = await findUnitView(tx, id);
    if (!before) throw new AppError('not_found', 'No such unit', { field: 'id' });
    // A stale edit hears that first, whatever else is wrong with it.
    if (before.version !== version) throw await staleEdit(tx, { resource: 'unit', resourceId: id, sentVersion: version, current: before });
    await validateUnit(tx, input, id);
    const { count } = await tx.unit.updateMany({ where: { id, version }, data: { ...unitFields(input), version: { increment: 1 } } });
    if (count === 0) throw await staleEdit(tx, { resource: 'unit', resourceId: id, sentVersion: version, current: await findUnitView(tx, id) });
    const moved = input.categoryIds
      ? await assignHandledCategories(tx, request, at, { unitId: id, wanted: input.categoryIds, current: before.categoryIds })
      : [];
    const view = (await findUnitView(tx, id))!;
    await recordChange(tx, request, at, { act: 'update', resource: 'unit', resourceId: id, version: view.version, before, after: view, summary: { movedCategories: moved } });
    return { view, moved };
  }).catch((error: unknown) => { throw codeTakenOr(error, input.code); });
  await announce(app, moved.length);
  return view;
}
