/**
 * The work calendar per year: read a year, replace its holidays and make-up working days (调休)
 * from a table, preview the open tickets whose deadlines would move, save in one transaction with
 * the re-plan and the audit row. A year saved here replaces the built-in defaults of that year.
 */
import type { Prisma } from '@yixian/db';
import { CATEGORY_LIMIT_SELECT, CN_2026_HOLIDAYS, resolveCategoryLimits, resolveTimeLimits, type ResolvedCategoryLimits } from '@yixian/domain';
import type { FastifyRequest } from 'fastify';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { applyReplans, describeReplans, findReplans, type ReplanPreview } from '../deadlines/replan-deadlines.js';
import { buildWorkCalendar } from '../deadlines/work-calendar.service.js';
import { checkCalendarDays, type CalendarDay, type CalendarDayKind } from './parse-calendar-table.js';

type Db = Prisma.TransactionClient;

const yearRange = (year: number) => ({ gte: new Date(`${year}-01-01T00:00:00Z`), lt: new Date(`${year + 1}-01-01T00:00:00Z`) });
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export interface CalendarYearView {
  year: number;
  /** 0: never saved here (the built-in defaults, if any, apply). */
  version: number;
  source: 'saved' | 'built_in' | 'none';
  days: CalendarDay[];
}

function builtInDays(year: number): CalendarDay[] {
  const days = [
    ...CN_2026_HOLIDAYS.holidays.map((date) => ({ date, kind: 'holiday' as const, name: '' })),
    ...CN_2026_HOLIDAYS.workdays.map((date) => ({ date, kind: 'workday' as const, name: '' })),
  ];
  return days.filter((day) => day.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
}

export async function viewCalendarYear(db: Db, year: number): Promise<CalendarYearView> {
  const saved = await db.workCalendarYear.findUnique({ where: { year } });
  const rows = await db.workCalendar.findMany({ where: { date: yearRange(year) }, orderBy: { date: 'asc' } });
  const tableDays = rows.map((row) => ({ date: dayOf(row.date), kind: row.kind as CalendarDayKind, name: row.name }));
  if (saved) return { year, version: saved.version, source: 'saved', days: tableDays };
  // Never saved through the console: the built-in defaults, with any rows the seed or a script wrote over them.
  const byDate = new Map(builtInDays(year).map((day) => [day.date, day]));
  for (const day of tableDays) byDate.set(day.date, day);
  const days = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  return { year, version: 0, source: days.length ? 'built_in' : 'none', days };
}

/** Every category's limits, for re-planning tickets of any category. */
async function loadAllLimits(db: Db): Promise<(categoryId: string) => ResolvedCategoryLimits> {
  const rows = await db.category.findMany({ select: { id: true, ...CATEGORY_LIMIT_SELECT } });
  const limits = new Map(rows.map((row) => [row.id, resolveCategoryLimits(row)]));
  return (id) => limits.get(id) ?? { limits: resolveTimeLimits() };
}

/** The calendar as it would be with `days` as the whole of `year`. */
async function calendarWith(db: Db, year: number, days: readonly CalendarDay[]) {
  const others = await db.workCalendar.findMany({ where: { NOT: { date: yearRange(year) } }, select: { date: true, kind: true } });
  const savedYears = (await db.workCalendarYear.findMany({ select: { year: true } })).map((y) => y.year);
  const rows = [...others, ...days.map((day) => ({ date: new Date(`${day.date}T00:00:00Z`), kind: day.kind }))];
  return buildWorkCalendar(rows, [...savedYears, year]);
}

export interface ReplaceYearResult {
  calendar: CalendarYearView | null;
  replanned: ReplanPreview;
  dryRun: boolean;
  summary: { holidays: number; workdays: number; added: string[]; removed: string[] };
}

export async function replaceCalendarYear(
  tx: Db, request: FastifyRequest, now: Date, year: number, body: { version: number; days: CalendarDay[]; dryRun?: boolean },
): Promise<ReplaceYearResult> {
  checkCalendarDays(year, body.days);
  const before = await viewCalendarYear(tx, year);
  if (before.version !== body.version) throw await staleEdit(tx, { resource: 'work_calendar', resourceId: String(year), sentVersion: body.version, current: { ...before } });
  const days = [...body.days].map((day) => ({ ...day, name: day.name.trim() })).sort((a, b) => a.date.localeCompare(b.date));
  const calendar = await calendarWith(tx, year, days);
  const changes = await findReplans(tx, { where: {}, calendar, limitsFor: await loadAllLimits(tx), now });
  const replanned = await describeReplans(tx, changes);
  const key = (day: CalendarDay) => `${day.date}:${day.kind}`;
  const beforeKeys = new Set(before.days.map(key));
  const afterKeys = new Set(days.map(key));
  const summary = {
    holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length,
    added: [...afterKeys].filter((k) => !beforeKeys.has(k)), removed: [...beforeKeys].filter((k) => !afterKeys.has(k)),
  };
  if (body.dryRun) return { calendar: null, replanned, dryRun: true, summary };

  if (body.version === 0) {
    const created = await tx.workCalendarYear.createMany({ data: [{ year }], skipDuplicates: true });
    if (created.count === 0) throw await staleEdit(tx, { resource: 'work_calendar', resourceId: String(year), sentVersion: 0, current: { ...(await viewCalendarYear(tx, year)) } });
  } else {
    const { count } = await tx.workCalendarYear.updateMany({ where: { year, version: body.version }, data: { version: { increment: 1 } } });
    if (count === 0) throw await staleEdit(tx, { resource: 'work_calendar', resourceId: String(year), sentVersion: body.version, current: { ...(await viewCalendarYear(tx, year)) } });
  }
  await tx.workCalendar.deleteMany({ where: { date: yearRange(year) } });
  await tx.workCalendar.createMany({ data: days.map((day) => ({ date: new Date(`${day.date}T00:00:00Z`), kind: day.kind, name: day.name })) });
  await applyReplans(tx, changes, { cause: { kind: 'work_calendar', year }, actorId: request.actor?.id ?? null, calendar, now });
  const after = await viewCalendarYear(tx, year);
  await recordChange(tx, request, now, {
    act: before.version === 0 ? 'create' : 'update', resource: 'work_calendar', resourceId: String(year), version: after.version,
    before: { days: before.days }, after: { days: after.days },
    summary: { ...summary, ticketsReplanned: changes.length, codes: changes.slice(0, 50).map((c) => c.ticket.code) },
  });
  return { calendar: after, replanned, dryRun: false, summary };
}

