/**
 * Checks every row of a roster file before anything is written: each row against the shift's rules
 * (check-shift.ts), the caller's reach (a liaison imports only its unit), the other rows of the
 * file, and the shifts already saved. Every problem is one error naming the row and the column as
 * the file wrote them; a row with a problem is left out of `shifts`.
 */
import type { DutyShift, Prisma, PrismaClient } from '@yixian/db';
import type { Actor } from '../../auth/actor.js';
import { checkShift, shiftsOverlap, type CheckedShift, type ShiftField } from '../check-shift.js';
import { canEditRoster } from '../shift-access.js';
import { readRole, readTime, writeTime, type RosterColumn } from './roster-columns.js';
import type { RosterFile } from './read-roster-file.js';

export interface RosterError { row: number; column: string; message: string }
export interface RosterShift { row: number; shift: CheckedShift }

const COLUMN_OF_FIELD: Record<ShiftField, RosterColumn> = {
  unitId: 'unitCode', role: 'role', userId: 'name', personName: 'name', phone: 'phone', startsAt: 'start', endsAt: 'end',
};

type Db = Pick<PrismaClient | Prisma.TransactionClient, 'unit' | 'dutyShift'>;

/** The saved shifts of the rosters (unit and role) the rows touch, over the span they cover. */
export async function loadSavedShifts(db: Db, shifts: readonly RosterShift[]): Promise<DutyShift[]> {
  if (shifts.length === 0) return [];
  const from = new Date(Math.min(...shifts.map(({ shift }) => shift.startsAt.getTime())));
  const to = new Date(Math.max(...shifts.map(({ shift }) => shift.endsAt.getTime())));
  return db.dutyShift.findMany({
    where: { unitId: { in: [...new Set(shifts.map(({ shift }) => shift.unitId))] }, startsAt: { lt: to }, endsAt: { gt: from } },
    orderBy: { startsAt: 'asc' },
  });
}

/** Errors for rows that overlap a saved shift of the same unit and role. */
export function overlapsWithSaved(shifts: readonly RosterShift[], saved: readonly DutyShift[], headers: RosterFile['headers']): RosterError[] {
  const errors: RosterError[] = [];
  const byRoster = new Map<string, DutyShift[]>();
  for (const existing of saved) byRoster.set(`${existing.unitId}\n${existing.role}`, [...(byRoster.get(`${existing.unitId}\n${existing.role}`) ?? []), existing]);
  for (const { row, shift } of shifts) {
    const other = byRoster.get(`${shift.unitId}\n${shift.role}`)?.find((existing) => shiftsOverlap(existing, shift));
    if (other) {
      errors.push({ row, column: headers.start, message: `overlaps ${other.personName}'s saved shift ${writeTime(other.startsAt)} – ${writeTime(other.endsAt)}` });
    }
  }
  return errors;
}

export async function checkRosterRows(db: Db, actor: Pick<Actor, 'roles' | 'unitId'>, file: RosterFile): Promise<{ shifts: RosterShift[]; errors: RosterError[] }> {
  const codes = [...new Set(file.rows.map(({ values }) => String(values.unitCode)))];
  const units = await db.unit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, name: true, active: true, linkageTier: true } });
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const errors: RosterError[] = [];
  const shifts: RosterShift[] = [];
  const error = (row: number, column: RosterColumn, message: string) => errors.push({ row, column: file.headers[column], message });

  for (const { row, values } of file.rows) {
    const before = errors.length;
    const code = String(values.unitCode);
    const unit = byCode.get(code);
    if (!code) error(row, 'unitCode', 'the unit code is empty');
    else if (!unit || !canEditRoster(actor, unit.id)) error(row, 'unitCode', `no unit "${code}" whose roster you may edit`);
    const role = readRole(String(values.role));
    if (!role) error(row, 'role', `"${String(values.role)}" is not a duty role (值班, 副班 or 带班)`);
    const startsAt = readTime(values.start);
    const endsAt = readTime(values.end);
    if (!startsAt) error(row, 'start', 'not a time: write it as 2026-12-06 08:00 (Beijing time)');
    if (!endsAt) error(row, 'end', 'not a time: write it as 2026-12-06 08:00 (Beijing time)');
    if (errors.length > before || !unit || !role || !startsAt || !endsAt) continue;
    const checked = checkShift(
      { unitId: unit.id, role, personName: String(values.name), phone: String(values.phone), startsAt, endsAt },
      { unit: (id) => byId.get(id), user: () => undefined },
    );
    for (const issue of checked.issues) error(row, COLUMN_OF_FIELD[issue.field], issue.message);
    if (checked.shift) shifts.push({ row, shift: checked.shift });
  }

  // Rows of the same unit and role must not overlap each other: the later row is the one at fault.
  const sorted = [...shifts].sort((a, b) => a.row - b.row);
  const clean: RosterShift[] = [];
  const byRoster = new Map<string, RosterShift[]>();
  for (const entry of sorted) {
    const key = `${entry.shift.unitId}\n${entry.shift.role}`;
    const roster = byRoster.get(key) ?? [];
    const other = roster.find(({ shift }) => shiftsOverlap(shift, entry.shift));
    if (other) error(entry.row, 'start', `overlaps row ${other.row} (same unit and role)`);
    else { clean.push(entry); roster.push(entry); byRoster.set(key, roster); }
  }
  errors.push(...overlapsWithSaved(clean, await loadSavedShifts(db, clean), file.headers));
  const faulty = new Set(errors.map((entry) => entry.row));
  errors.sort((a, b) => a.row - b.row);
  return { shifts: clean.filter(({ row }) => !faulty.has(row)), errors };
}
