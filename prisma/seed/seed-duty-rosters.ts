/**
 * The demo's duty rosters (值班备勤): for every active tier-1 unit, an on-duty person and a deputy
 * on 24-hour shifts changing at 08:00 Beijing time, for a week rolling from the seed day (from the
 * shift running now). Fictitious people with fictitious mobiles (139 0731 xxxx). Only what is
 * missing is added: a shift already there (or an administrator's edit over that time) is kept, so
 * each start of the demo extends the week without touching what was saved.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@yixian/db';
import { DUTY_ROLES } from '@yixian/domain';

const DAY_MS = 86_400_000;
/** 08:00 in Beijing is 00:00 UTC. */
const CHANGE_HOUR_UTC = 0;
const DAYS = 7;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['建国', '志强', '秀英', '丽华', '海涛', '伟', '敏', '静', '军', '磊', '洋', '艳', '勇', '娜', '杰', '涛'];

/** A stable pick per unit, role and day, so a second run names the same people. */
function pick(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0);
}

/** Four people take turns in each role of a unit; the deputy's surname is never the on-duty person's. */
export function demoDutyPerson(unitCode: string, role: string, day: number): { personName: string; phone: string } {
  const n = pick(`${unitCode}:${day % 4}`);
  const offset = role === DUTY_ROLES.on_duty ? 0 : 1;
  return {
    personName: `${SURNAMES[(n + offset) % SURNAMES.length]}${GIVEN[((n >>> 8) + 3 * offset) % GIVEN.length]}`,
    phone: `1390731${String((n + offset * 37) % 10_000).padStart(4, '0')}`,
  };
}

/** The start of the 08:00 shift running at `now`. */
export function currentShiftStart(now: Date): Date {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), CHANGE_HOUR_UTC);
  return new Date(start <= now.getTime() ? start : start - DAY_MS);
}

export async function seedDutyRosters(prisma: PrismaClient, now = new Date()): Promise<number> {
  const units = await prisma.unit.findMany({ where: { active: true, linkageTier: 1 }, select: { id: true, code: true }, orderBy: { code: 'asc' } });
  const first = currentShiftStart(now);
  const last = new Date(first.getTime() + DAYS * DAY_MS);
  const existing = await prisma.dutyShift.findMany({
    where: { unitId: { in: units.map((unit) => unit.id) }, startsAt: { lt: last }, endsAt: { gt: first } },
    select: { unitId: true, role: true, startsAt: true, endsAt: true },
  });
  const rows = [];
  for (const unit of units) {
    for (const role of [DUTY_ROLES.on_duty, DUTY_ROLES.deputy]) {
      for (let day = 0; day < DAYS; day++) {
        const startsAt = new Date(first.getTime() + day * DAY_MS);
        const endsAt = new Date(startsAt.getTime() + DAY_MS);
        const taken = existing.some((shift) => shift.unitId === unit.id && shift.role === role && shift.startsAt < endsAt && startsAt < shift.endsAt);
        if (taken) continue;
        const dayNumber = Math.floor(startsAt.getTime() / DAY_MS);
        rows.push({ unitId: unit.id, role, ...demoDutyPerson(unit.code, role, dayNumber), startsAt, endsAt });
      }
    }
  }
  if (rows.length > 0) await prisma.dutyShift.createMany({ data: rows });
  return rows.length;
}
