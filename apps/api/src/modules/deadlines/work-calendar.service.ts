/**
 * The working-time calendar as the database knows it: weekends implicit, holidays and make-up
 * working days (调休) from the `work_calendar` table, on top of the domain's defaults for 2026.
 */
import { CN_2026_HOLIDAYS, createWorkCalendar, type WorkCalendar } from '@yixian/domain';
import type { Prisma, PrismaClient } from '@yixian/db';
import { createConfigCache } from '../config-changes/config-cache.js';

type CalendarReader = Pick<PrismaClient | Prisma.TransactionClient, 'workCalendar' | 'workCalendarYear'>;

/** The per-process copy, dropped on the `work_calendar` topic in every process (and on every reconnect of the config bus). */
const calendarCache = createConfigCache(['work_calendar'], async (db: CalendarReader) => {
  const rows = await db.workCalendar.findMany({ select: { date: true, kind: true } });
  const years = await db.workCalendarYear.findMany({ select: { year: true } });
  return buildWorkCalendar(rows, years.map((y) => y.year));
});

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
 * The calendar every deadline is counted on, read once per process and kept until an
 * administrator's edit is announced (config-changes/config-cache.ts). Works inside a transaction too.
 */
export function loadWorkCalendar(db: CalendarReader): Promise<WorkCalendar> {
  return calendarCache.get(db);
}

/** Forgets the cached calendar (after an admin edit, or in tests that add holidays). */
export function invalidateWorkCalendar(): void {
  calendarCache.clear();
}
