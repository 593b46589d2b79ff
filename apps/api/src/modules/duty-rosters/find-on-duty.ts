/**
 * Who is on duty: the service other modules call (the incidents module reaches the on-duty
 * phone, then the deputy's) and the board of every linkage unit now (`GET /api/duty/now`).
 */
import type { DutyShift, PrismaClient } from '@yixian/db';
import { DUTY_ROLES, type DutyRole } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';
import { phoneFor } from './shift-view.js';

type Db = Pick<PrismaClient, 'dutyShift'>;

/**
 * The shift of `unitId` in `role` running at `at` (start inclusive, end exclusive), or null.
 * Shifts of one unit and role never overlap; should old data hold two, the later start wins.
 * When null, the caller falls back to the unit's duty line (`unit.dutyPhone`) with no name.
 */
export async function findOnDuty(prisma: Db, unitId: string, at: Date, role: DutyRole = DUTY_ROLES.on_duty): Promise<DutyShift | null> {
  return prisma.dutyShift.findFirst({
    where: { unitId, role, startsAt: { lte: at }, endsAt: { gt: at } },
    orderBy: { startsAt: 'desc' },
  });
}

export interface OnDutyPerson { shiftId: string; name: string; phone: string; until: string }

export interface DutyBoardRow {
  unit: { id: string; name: string; tier: number | null };
  onDuty: OnDutyPerson | null;
  deputy: OnDutyPerson | null;
  leader: OnDutyPerson | null;
  /** A tier-1 unit (24-hour duty) with nobody on duty now. */
  gap: boolean;
}

/** Every active linkage unit, tier by tier then by name, with who holds each duty role at `at`. */
export async function readDutyBoard(prisma: PrismaClient, actor: Pick<Actor, 'roles' | 'unitId'>, at: Date): Promise<DutyBoardRow[]> {
  const units = await prisma.unit.findMany({
    where: { active: true, linkageTier: { not: null } },
    select: { id: true, name: true, linkageTier: true },
    orderBy: [{ linkageTier: 'asc' }, { code: 'asc' }],
  });
  const shifts = await prisma.dutyShift.findMany({
    where: { unitId: { in: units.map((unit) => unit.id) }, startsAt: { lte: at }, endsAt: { gt: at } },
    orderBy: { startsAt: 'asc' },
  });
  const current = new Map<string, DutyShift>();
  for (const shift of shifts) current.set(`${shift.unitId}:${shift.role}`, shift);
  const person = (unitId: string, role: DutyRole): OnDutyPerson | null => {
    const shift = current.get(`${unitId}:${role}`);
    return shift ? { shiftId: shift.id, name: shift.personName, phone: phoneFor(actor, unitId, shift.phone), until: shift.endsAt.toISOString() } : null;
  };
  return units.map((unit) => {
    const onDuty = person(unit.id, DUTY_ROLES.on_duty);
    return {
      unit: { id: unit.id, name: unit.name, tier: unit.linkageTier },
      onDuty, deputy: person(unit.id, DUTY_ROLES.deputy), leader: person(unit.id, DUTY_ROLES.leader),
      gap: unit.linkageTier === 1 && onDuty === null,
    };
  });
}
