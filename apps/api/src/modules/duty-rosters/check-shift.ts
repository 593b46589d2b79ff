/**
 * The rules of one duty shift, shared by the form and the XLSX import: a known role, a person's
 * name, a staff phone (mainland mobile or landline with its area code, stored canonical), a start
 * before its end and at most MAX_SHIFT_HOURS long, an active linkage unit, and an account (when
 * linked) of that unit. Each broken rule is one issue naming its field; nothing is read twice.
 */
import { DUTY_ROLE_VALUES, type DutyRole } from '@yixian/domain';
import { canonicalStaffPhone } from '../users/check-account.js';

export const MAX_SHIFT_HOURS = 72;

export interface ShiftInput {
  unitId: string;
  role: string;
  userId?: string | null;
  personName: string;
  phone: string;
  startsAt: Date;
  endsAt: Date;
}

export interface CheckedShift {
  unitId: string;
  role: DutyRole;
  userId: string | null;
  personName: string;
  phone: string;
  startsAt: Date;
  endsAt: Date;
}

export type ShiftField = 'unitId' | 'role' | 'userId' | 'personName' | 'phone' | 'startsAt' | 'endsAt';

export interface ShiftIssue {
  field: ShiftField;
  code: string;
  message: string;
}

export interface ShiftReferences {
  unit(id: string): { active: boolean; linkageTier: number | null; name: string } | undefined;
  user(id: string): { unitId: string | null } | undefined;
}

const isDutyRole = (value: string): value is DutyRole => (DUTY_ROLE_VALUES as readonly string[]).includes(value);
const validTime = (at: Date) => at instanceof Date && !Number.isNaN(at.getTime());

export function checkShift(input: ShiftInput, refs: ShiftReferences): { shift: CheckedShift | null; issues: ShiftIssue[] } {
  const issues: ShiftIssue[] = [];
  const add = (field: ShiftField, code: string, message: string) => issues.push({ field, code, message });
  const unit = refs.unit(input.unitId);
  if (!unit) add('unitId', 'unknown_unit', `No unit ${input.unitId}`);
  else if (!unit.active) add('unitId', 'unit_disabled', `${unit.name} is disabled`);
  else if (unit.linkageTier === null) add('unitId', 'not_linkage_unit', `${unit.name} has no emergency linkage tier, so it keeps no duty roster`);
  if (!isDutyRole(input.role)) add('role', 'bad_role', `role must be one of ${DUTY_ROLE_VALUES.join(', ')}`);
  const personName = input.personName.trim();
  if (personName.length === 0 || personName.length > 50) add('personName', 'bad_name', 'the person\'s name must be 1–50 characters');
  const phone = canonicalStaffPhone(input.phone);
  if (!phone) add('phone', 'bad_phone', 'phone: a mainland mobile (11 digits from 13–19) or a landline with its area code (0…)');
  if (!validTime(input.startsAt)) add('startsAt', 'bad_time', 'startsAt is not a time');
  if (!validTime(input.endsAt)) add('endsAt', 'bad_time', 'endsAt is not a time');
  if (validTime(input.startsAt) && validTime(input.endsAt)) {
    const hours = (input.endsAt.getTime() - input.startsAt.getTime()) / 3_600_000;
    if (hours <= 0) add('endsAt', 'ends_before_start', 'the shift must end after it starts');
    else if (hours > MAX_SHIFT_HOURS) add('endsAt', 'too_long', `a shift lasts at most ${MAX_SHIFT_HOURS} hours`);
  }
  const userId = input.userId ?? null;
  if (userId !== null) {
    const user = refs.user(userId);
    if (!user) add('userId', 'unknown_user', `No account ${userId}`);
    else if (user.unitId !== input.unitId) add('userId', 'outside_unit', 'the linked account belongs to another unit');
  }
  if (issues.length > 0) return { shift: null, issues };
  return { shift: { unitId: input.unitId, role: input.role as DutyRole, userId, personName, phone: phone!, startsAt: input.startsAt, endsAt: input.endsAt }, issues };
}

/** Two shifts overlap when each starts before the other ends (back to back is no overlap). */
export function shiftsOverlap(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}
