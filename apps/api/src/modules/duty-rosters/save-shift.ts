/**
 * Create, edit and delete one duty shift. Each runs in one transaction that first takes an
 * advisory lock on the unit and role, so two editors saving overlapping shifts at once cannot
 * both pass the overlap check; the change and its audit row (phone masked) commit together.
 * An edit or delete names the version it started from (409 `stale` otherwise).
 */
import type { FastifyRequest } from 'fastify';
import type { DutyShift, Prisma, PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { recordChange } from '../config-changes/record-change.js';
import { checkShift, type CheckedShift, type ShiftInput, type ShiftReferences } from './check-shift.js';
import { auditViewOfShift } from './shift-view.js';

type Tx = Prisma.TransactionClient;

export async function lockRoster(tx: Tx, unitId: string, role: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`duty_roster:${unitId}:${role}`}))`;
}

/** The references one shift names, read for its check. */
export async function loadShiftReferences(db: Pick<Tx, 'unit' | 'user'>, input: Pick<ShiftInput, 'unitId' | 'userId'>): Promise<ShiftReferences> {
  const [unit, user] = await Promise.all([
    db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, active: true, linkageTier: true, name: true } }),
    input.userId ? db.user.findUnique({ where: { id: input.userId }, select: { id: true, unitId: true } }) : null,
  ]);
  return { unit: (id) => (unit && unit.id === id ? unit : undefined), user: (id) => (user && user.id === id ? user : undefined) };
}

/** Throws the first issue of a shift as a 400 naming its field. */
export function checkShiftOrThrow(input: ShiftInput, refs: ShiftReferences): CheckedShift {
  const { shift, issues } = checkShift(input, refs);
  const first = issues[0];
  if (!shift || first) throw new AppError('validation_failed', first!.message, { field: first!.field, details: { reason: first!.code } });
  return shift;
}

/** The other shift of the same unit and role that `shift` would overlap, if any. */
export async function findOverlap(tx: Pick<Tx, 'dutyShift'>, shift: Pick<CheckedShift, 'unitId' | 'role' | 'startsAt' | 'endsAt'>, excludeId?: string) {
  return tx.dutyShift.findFirst({
    where: {
      unitId: shift.unitId, role: shift.role, startsAt: { lt: shift.endsAt }, endsAt: { gt: shift.startsAt },
      ...(excludeId ? { id: { not: excludeId } } : {}),
    },
    orderBy: { startsAt: 'asc' },
  });
}

export function overlapError(other: DutyShift, field = 'startsAt'): AppError {
  return new AppError(
    'conflict',
    `It overlaps ${other.personName}'s ${other.role} shift from ${other.startsAt.toISOString()} to ${other.endsAt.toISOString()}`,
    { field, details: { reason: 'overlap', shift: { id: other.id, personName: other.personName, startsAt: other.startsAt.toISOString(), endsAt: other.endsAt.toISOString() } } },
  );
}

export function staleError(what: string, sent: number, current: number): AppError {
  return new AppError('conflict', `This ${what} was changed by someone else (your version ${sent}, now ${current}); reload it`, {
    field: 'version', details: { reason: 'stale', sentVersion: sent, currentVersion: current },
  });
}

export async function createShift(prisma: PrismaClient, request: FastifyRequest, shift: CheckedShift, now: Date): Promise<DutyShift> {
  return prisma.$transaction(async (tx) => {
    await lockRoster(tx, shift.unitId, shift.role);
    const other = await findOverlap(tx, shift);
    if (other) throw overlapError(other);
    const created = await tx.dutyShift.create({ data: { ...shift, createdById: request.actor?.id ?? null, createdAt: now } });
    await recordChange(tx, request, now, { act: 'create', resource: 'duty_shift', resourceId: created.id, version: 1, before: null, after: auditViewOfShift(created) });
    return created;
  });
}

export async function updateShift(prisma: PrismaClient, request: FastifyRequest, before: DutyShift, shift: CheckedShift, version: number, now: Date): Promise<DutyShift> {
  return prisma.$transaction(async (tx) => {
    // Both rosters are locked in a fixed order when the unit or role changes, so two moves never deadlock.
    const rosters = [...new Set([`${before.unitId}\n${before.role}`, `${shift.unitId}\n${shift.role}`])].sort();
    for (const roster of rosters) await lockRoster(tx, roster.split('\n')[0]!, roster.split('\n')[1]!);
    const other = await findOverlap(tx, shift, before.id);
    if (other) throw overlapError(other);
    const { count } = await tx.dutyShift.updateMany({ where: { id: before.id, version }, data: { ...shift, version: { increment: 1 } } });
    if (count === 0) {
      const current = await tx.dutyShift.findUnique({ where: { id: before.id } });
      if (!current) throw new AppError('not_found', `No duty shift ${before.id}`, { field: 'id' });
      throw staleError('duty shift', version, current.version);
    }
    const after = await tx.dutyShift.findUniqueOrThrow({ where: { id: before.id } });
    await recordChange(tx, request, now, { act: 'update', resource: 'duty_shift', resourceId: after.id, version: after.version, before: auditViewOfShift(before), after: auditViewOfShift(after) });
    return after;
  });
}

export async function deleteShift(prisma: PrismaClient, request: FastifyRequest, before: DutyShift, version: number | undefined, now: Date): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.dutyShift.deleteMany({ where: { id: before.id, ...(version === undefined ? {} : { version }) } });
    if (count === 0) {
      const current = await tx.dutyShift.findUnique({ where: { id: before.id } });
      if (!current) throw new AppError('not_found', `No duty shift ${before.id}`, { field: 'id' });
      throw staleError('duty shift', version ?? 0, current.version);
    }
    await recordChange(tx, request, now, { act: 'delete', resource: 'duty_shift', resourceId: before.id, version: before.version, before: auditViewOfShift(before), after: null });
  });
}
