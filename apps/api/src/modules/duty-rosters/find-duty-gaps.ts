/**
 * Gaps in the tier-1 rosters (值班空档): a tier-1 unit keeps someone on duty around the clock, so
 * every stretch of [now, now + hours) that no `on_duty` shift covers is a gap. A gap already
 * running starts where the last shift ended (or is `openSince` null when the unit never had one),
 * so the same gap keeps the same start from one check to the next — the alarm is keyed by it.
 */
import type { PrismaClient } from '@yixian/db';
import { DUTY_ROLES } from '@yixian/domain';

export interface DutyGap {
  unit: { id: string; name: string };
  /** When the gap began: the end of the shift before it; null when the unit never had an on-duty shift before. */
  from: Date | null;
  /** When the next on-duty shift starts, or the end of the window looked at. */
  to: Date;
  /** Whether the gap is running at `now`. */
  current: boolean;
}

export async function findDutyGaps(prisma: Pick<PrismaClient, 'unit' | 'dutyShift'>, now: Date, hours: number): Promise<DutyGap[]> {
  const until = new Date(now.getTime() + hours * 3_600_000);
  const units = await prisma.unit.findMany({ where: { active: true, linkageTier: 1 }, select: { id: true, name: true }, orderBy: { code: 'asc' } });
  const ids = units.map((unit) => unit.id);
  const [shifts, lastEnded] = await Promise.all([
    prisma.dutyShift.findMany({
      where: { unitId: { in: ids }, role: DUTY_ROLES.on_duty, endsAt: { gt: now }, startsAt: { lt: until } },
      orderBy: { startsAt: 'asc' }, select: { unitId: true, startsAt: true, endsAt: true },
    }),
    prisma.dutyShift.groupBy({ by: ['unitId'], where: { unitId: { in: ids }, role: DUTY_ROLES.on_duty, endsAt: { lte: now } }, _max: { endsAt: true } }),
  ]);
  const lastEnd = new Map(lastEnded.map((row) => [row.unitId, row._max.endsAt]));
  const gaps: DutyGap[] = [];
  for (const unit of units) {
    let cursor = now;
    const push = (to: Date) => {
      const current = cursor.getTime() === now.getTime();
      gaps.push({ unit, from: current ? lastEnd.get(unit.id) ?? null : cursor, to, current });
    };
    for (const shift of shifts.filter((row) => row.unitId === unit.id)) {
      if (shift.startsAt > cursor) push(shift.startsAt);
      if (shift.endsAt > cursor) cursor = shift.endsAt;
      if (cursor >= until) break;
    }
    if (cursor < until) push(until);
  }
  return gaps;
}
