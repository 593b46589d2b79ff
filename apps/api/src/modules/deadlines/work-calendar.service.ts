/**
 * The working-time calendar as the database knows it: weekends implicit, holidays and make-up
 * working days (调休) from the `work_calendar` table, on top of the domain's defaults for 2026.
 */
import { CN_2026_HOLIDAYS, createWorkCalendar, type WorkCalendar } from '@yixian/domain';
import type { Prisma, PrismaClient } from '@yixian/db';
import { onConfigChange } from '../config-changes/config-bus.js';

/** How long a loaded calendar is trusted before the table is read again (a change announced on the config bus clears it at once). */
const CACHE_MS = 5 * 60_000;

let cached: { calendar: WorkCalendar; loadedAt: number } | null = null;

type CalendarReader = Pick<PrismaClient | Prisma.TransactionClient, 'workCalendar' | 'workCalendarYear'>;

/**
 * Builds a calendar from table rows; a table row beats the built-in default for the same date, and
 * a year an administrator saved (`savedYears`, the `work_calendar_year` table) drops the built-in
 * defaults of that year altogether: the saved table is the whole year.
 */
export function buildWorkCalendar(rows: readonly { date: Date; kind: string }[], savedYears: Iterable<number> = []): WorkCalendar {
  const saved = new Set([...savedYears].map(String));
  const builtIn = (day: string) => !saved.has(day.slice(0, 4));
  const holidays = new Set<string>(CN_2026_HOLIDAYS.holidays.filter(builtIn));
  const workdays = new Set<string>(CN_2026_HOLIDAYS.workdays.filter(builtIn));
  for (const row of rows) {
    const day = row.date.toISOString().slice(0, 10);
    holidays.delete(day);
    workdays.delete(day);
    if (row.kind === 'holiday') holidays.add(day);
    else if (row.kind === 'workday') workdays.add(day);
  }
  return createWorkCalendar({ holidays: [...holidays], workdays: [...workdays] });
}

/**
 * The calendar every deadline is counted on. Cached per process for a few minutes so that a
 * burst of dispatches reads the table once; call {@link invalidateWorkCalendar} after an
 * administrator edits the calendar. Works inside a transaction too.
 */
export async function loadWorkCalendar(db: CalendarReader): Promise<WorkCalendar> {
  const now = Date.now();
  if (cached && now - cached.loadedAt < CACHE_MS) return cached.calendar;
  const rows = await db.workCalendar.findMany({ select: { date: true, kind: true } });
  const years = await db.workCalendarYear.findMany({ select: { year: true } });
  cached = { calendar: buildWorkCalendar(rows, years.map((y) => y.year)), loadedAt: now };
  return cached.calendar;
}

/** Forgets the cached calendar (after an admin edit, or in tests that add holidays). */
export function invalidateWorkCalendar(): void {
  cached = null;
}

onConfigChange('work_calendar', invalidateWorkCalendar);
