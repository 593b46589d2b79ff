/** Pure helpers of the duty page: the week's days at the centre (UTC+8) and the shifts per day and role. */
import { DUTY_ROLE_VALUES } from '@yixian/domain';
import type { DutyShift } from '#/api/duty';

const CENTRE_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The Monday 00:00 (centre time) of the week holding `at`, as an instant. */
export function startOfCentreWeek(at: Date): Date {
  const local = new Date(at.getTime() + CENTRE_OFFSET_MS);
  const weekday = (local.getUTCDay() + 6) % 7;
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - weekday * DAY_MS;
  return new Date(midnight - CENTRE_OFFSET_MS);
}

export interface WeekDay {
  start: Date;
  end: Date;
  /** `12-08` */
  label: string;
  /** 0 = Monday */
  weekday: number;
}

export function listWeekDays(weekStart: Date): WeekDay[] {
  return Array.from({ length: 7 }, (_, index) => {
    const start = new Date(weekStart.getTime() + index * DAY_MS);
    const local = new Date(start.getTime() + CENTRE_OFFSET_MS);
    const label = `${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
    return { start, end: new Date(start.getTime() + DAY_MS), label, weekday: index };
  });
}

/** Shifts of one role overlapping one day, earliest first. */
export function shiftsOn(shifts: readonly DutyShift[], day: WeekDay, role: string): DutyShift[] {
  return shifts
    .filter((shift) => shift.role === role && Date.parse(shift.startsAt) < day.end.getTime() && Date.parse(shift.endsAt) > day.start.getTime())
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

export const DUTY_ROLES_ORDERED: readonly string[] = DUTY_ROLE_VALUES;
