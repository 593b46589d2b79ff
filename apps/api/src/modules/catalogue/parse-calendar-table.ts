/**
 * The State Council's yearly holiday notice as a table: one row per day, three columns —
 *
 *   日期 (date)  | 类型 (kind)                         | 名称 (name)
 *   2027-02-06   | 放假 (holiday) or 上班 (workday)    | 春节
 *
 * from pasted text (tab-, comma- or semicolon-separated; a header row is optional) or from the
 * first sheet of an XLSX file (a header row naming the three columns, in any order). Dates may be
 * written 2027-02-06, 2027/2/6, 2027.2.6 or 2027年2月6日. Every problem names its row and column;
 * the rules that need the year (inside it, a make-up day on a weekend, no date twice) are checked
 * by `checkCalendarDays` when saving.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/app-error.js';

export type CalendarDayKind = 'holiday' | 'workday';
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

const KIND_WORDS: Record<string, CalendarDayKind> = {
  holiday: 'holiday', 放假: 'holiday', 休: 'holiday', 休息: 'holiday', 假: 'holiday', 节假日: 'holiday',
  workday: 'workday', 上班: 'workday', 班: 'workday', 调休上班: 'workday', 补班: 'workday', 工作日: 'workday',
};
const HEADERS = {
  date: ['日期', 'date'],
  kind: ['类型', 'kind', 'type'],
  name: ['名称', 'name', '节日'],
} as const;
type Column = keyof typeof HEADERS;
const COLUMN_WORDS: Record<Column, string> = { date: '日期 (date)', kind: '类型 (kind)', name: '名称 (name)' };

/** The most rows a table may hold: a year's holidays and make-up days are about 40. */
export const MAX_CALENDAR_ROWS = 120;

function fail(row: number, column: Column | null, message: string): never {
  const where = column ? `row ${row}, column ${COLUMN_WORDS[column]}` : `row ${row}`;
  throw new AppError('validation_failed', `${where}: ${message}`, { field: column ? `rows[${row}].${column}` : `rows[${row}]`, details: { row, column } });
}

const pad = (value: string) => value.padStart(2, '0');

/** `YYYY-MM-DD` from the spellings a notice uses; null when it is no real date. */
export function normaliseDate(value: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value.trim());
  if (!match) return null;
  const date = `${match[1]}-${pad(match[2]!)}-${pad(match[3]!)}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}

function readRow(cells: { date: string; kind: string; name: string }, row: number): CalendarDay {
  const date = normaliseDate(cells.date);
  if (!date) fail(row, 'date', `"${cells.date}" is not a date (write 2027-02-06)`);
  const kind = KIND_WORDS[cells.kind.trim().toLowerCase()];
  if (!kind) fail(row, 'kind', `"${cells.kind}" is neither 放假 (holiday) nor 上班 (workday)`);
  const name = cells.name.trim();
  if (!name) fail(row, 'name', 'the name is empty (e.g. 春节)');
  if (name.length > 20) fail(row, 'name', 'the name is longer than 20 characters');
  return { date, kind, name };
}

const isHeader = (cells: string[]) => cells.some((cell) => (HEADERS.date as readonly string[]).includes(cell.trim().toLowerCase()));

function headerColumns(cells: string[]): Record<Column, number> {
  const find = (column: Column) => cells.findIndex((cell) => (HEADERS[column] as readonly string[]).includes(cell.trim().toLowerCase()));
  const columns = { date: find('date'), kind: find('kind'), name: find('name') };
  for (const column of Object.keys(columns) as Column[]) {
    if (columns[column] < 0) fail(1, column, `the header row has no ${COLUMN_WORDS[column]} column`);
  }
  return columns;
}

function readRows(lines: string[][]): CalendarDay[] {
  let columns: Record<Column, number> = { date: 0, kind: 1, name: 2 };
  const days: CalendarDay[] = [];
  lines.forEach((cells, index) => {
    const row = index + 1;
    if (cells.every((cell) => cell.trim() === '')) return;
    if (index === 0 && isHeader(cells)) {
      columns = headerColumns(cells);
      return;
    }
    if (days.length >= MAX_CALENDAR_ROWS) fail(row, null, `a table holds at most ${MAX_CALENDAR_ROWS} rows`);
    days.push(readRow({ date: cells[columns.date] ?? '', kind: cells[columns.kind] ?? '', name: cells[columns.name] ?? '' }, row));
  });
  if (days.length === 0) throw new AppError('validation_failed', 'The table has no rows', { field: 'rows' });
  return days;
}

/** Pasted text: one day a line, cells separated by a tab, a comma, a semicolon or two spaces. */
export function parseCalendarText(text: string): CalendarDay[] {
  return readRows(text.split(/\r?\n/).map((line) => line.split(/\t|,|，|;|；| {2,}/)));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'result' in value) return cellText(value.result as ExcelJS.CellValue);
  return String(value);
}

/** The first sheet of an XLSX file (base64). */
export async function parseCalendarXlsx(base64: string): Promise<CalendarDay[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation_failed', 'xlsxBase64 is not an XLSX file', { field: 'xlsxBase64' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('validation_failed', 'The XLSX file has no sheet', { field: 'xlsxBase64' });
  const lines: string[][] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, MAX_CALENDAR_ROWS + 2); r += 1) {
    const row = sheet.getRow(r);
    lines.push([1, 2, 3, 4, 5].map((c) => cellText(row.getCell(c).value)));
  }
  if (sheet.rowCount > MAX_CALENDAR_ROWS + 1) fail(MAX_CALENDAR_ROWS + 2, null, `a table holds at most ${MAX_CALENDAR_ROWS} rows`);
  return readRows(lines);
}

const WEEKEND = new Set([0, 6]);

/**
 * The year's rules: every date inside the year, no date twice (and so none both a holiday and a
 * make-up day), a make-up working day (上班) only on a Saturday or Sunday. Field names point at
 * `days[i]`, the body the save takes.
 */
export function checkCalendarDays(year: number, days: readonly CalendarDay[]): void {
  const seen = new Map<string, number>();
  days.forEach((day, index) => {
    const field = `days[${index}]`;
    if (normaliseDate(day.date) !== day.date) throw new AppError('validation_failed', `${field}.date "${day.date}" is not a date in YYYY-MM-DD form`, { field: `${field}.date` });
    if (!day.date.startsWith(`${year}-`)) throw new AppError('validation_failed', `${field}.date ${day.date} is not in ${year}`, { field: `${field}.date` });
    const first = seen.get(day.date);
    if (first !== undefined) {
      const both = days[first]!.kind !== day.kind ? ' (once as a holiday, once as a working day)' : '';
      throw new AppError('validation_failed', `${field}.date ${day.date} is listed twice${both}: rows ${first + 1} and ${index + 1}`, { field: `${field}.date` });
    }
    seen.set(day.date, index);
    if (day.kind === 'workday' && !WEEKEND.has(new Date(`${day.date}T00:00:00Z`).getUTCDay())) {
      throw new AppError('validation_failed', `${field}.kind: ${day.date} is a weekday; a make-up working day (上班) falls on a Saturday or Sunday`, { field: `${field}.kind` });
    }
  });
}
