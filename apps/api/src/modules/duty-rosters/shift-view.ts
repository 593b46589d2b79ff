/**
 * A duty shift as the API answers it: the unit and the linked account by name, the phone in full
 * or masked for this caller (shift-access.ts), and the version an edit names.
 */
import type { DutyShift, Prisma, PrismaClient } from '@yixian/db';
import { maskPhone } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';
import { seesFullPhone } from './shift-access.js';

export interface UnitRef { id: string; name: string; tier: number | null }

export interface ShiftView {
  id: string;
  unit: UnitRef;
  role: string;
  user: { id: string; name: string } | null;
  personName: string;
  phone: string;
  startsAt: string;
  endsAt: string;
  version: number;
}

type Db = Pick<PrismaClient | Prisma.TransactionClient, 'unit' | 'user'>;

/** The units and accounts the shifts name, in two queries. */
export async function loadShiftNames(db: Db, shifts: readonly Pick<DutyShift, 'unitId' | 'userId'>[]) {
  const unitIds = [...new Set(shifts.map((shift) => shift.unitId))];
  const userIds = [...new Set(shifts.flatMap((shift) => (shift.userId ? [shift.userId] : [])))];
  const [units, users] = await Promise.all([
    unitIds.length ? db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, linkageTier: true } }) : [],
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }) : [],
  ]);
  return {
    units: new Map(units.map((unit) => [unit.id, { id: unit.id, name: unit.name, tier: unit.linkageTier }])),
    users: new Map(users.map((user) => [user.id, { id: user.id, name: user.displayName }])),
  };
}

export type ShiftNames = Awaited<ReturnType<typeof loadShiftNames>>;

/** The phone as this caller may see it. */
export function phoneFor(actor: Pick<Actor, 'roles' | 'unitId'>, unitId: string, phone: string): string {
  return seesFullPhone(actor, unitId) ? phone : maskPhone(phone);
}

export function presentShift(shift: DutyShift, names: ShiftNames, actor: Pick<Actor, 'roles' | 'unitId'>): ShiftView {
  return {
    id: shift.id,
    unit: names.units.get(shift.unitId) ?? { id: shift.unitId, name: shift.unitId, tier: null },
    role: shift.role,
    user: shift.userId ? names.users.get(shift.userId) ?? null : null,
    personName: shift.personName,
    phone: phoneFor(actor, shift.unitId, shift.phone),
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
    version: shift.version,
  };
}

/** What the audit keeps of a shift: the phone masked (audit rows never hold a full number). */
export function auditViewOfShift(shift: DutyShift) {
  return {
    unitId: shift.unitId, role: shift.role, userId: shift.userId, personName: shift.personName, phone: maskPhone(shift.phone),
    startsAt: shift.startsAt, endsAt: shift.endsAt, version: shift.version,
  };
}
