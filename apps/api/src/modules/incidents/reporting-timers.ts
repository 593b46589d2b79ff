/**
 * The reporting rule of a plan version: 初报 due `initialMinutes` after filing, 续报 `followUpMinutes`
 * after the last report while filed/responding, 终报 `finalMinutes` after handled; each counted on the
 * clock (every minute) or on working time (the work calendar the ticket deadlines use).
 */
import type { Prisma, PrismaClient } from '@yixian/db';
import type { IncidentReportKind, ReportClock } from '@yixian/domain';
import { loadWorkCalendar } from '../deadlines/work-calendar.service.js';
import type { ReportingRules } from '../response-plans/plan-rules.js';

type CalendarDb = Pick<PrismaClient | Prisma.TransactionClient, 'workCalendar' | 'workCalendarYear'>;

export async function addReportTime(db: CalendarDb, from: Date, minutes: number, clock: ReportClock): Promise<Date> {
  if (clock === 'clock') return new Date(from.getTime() + minutes * 60_000);
  return (await loadWorkCalendar(db)).addWorkingHours(from, minutes / 60);
}

/** When the report of `kind` is due, counted from `from`; null without reporting rules (no plan applied). */
export async function reportDueAt(db: CalendarDb, rules: ReportingRules | null, kind: IncidentReportKind, from: Date): Promise<Date | null> {
  if (!rules) return null;
  if (kind === 'initial') return addReportTime(db, from, rules.initialMinutes, rules.initialClock);
  if (kind === 'follow_up') return addReportTime(db, from, rules.followUpMinutes, rules.followUpClock);
  return addReportTime(db, from, rules.finalMinutes, rules.finalClock);
}
