/**
 * Real calendar checks for dates the API is given. `new Date('2026-02-30')` is 2 March and
 * `0000-01-01` is a year PostgreSQL cannot store as written: both must be refused as input,
 * not silently moved or left to fail in the database.
 */

/** The years a date given to the API may fall in. */
export const YEAR_RANGE = { min: 1900, max: 9999 } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD`, a day that exists, in {@link YEAR_RANGE}. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= YEAR_RANGE.min && year <= YEAR_RANGE.max && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function checkDateTime(value: string, strict: boolean): boolean {
  const match = DATE_TIME.exec(value);
  if (!match || !isCalendarDate(match[1]!)) return false;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return false;
  const hasZone = match[5] !== undefined || match[6] !== undefined;
  // RFC 3339 (strict form) has seconds and a zone; the lenient form is what Date reads.
  if (strict && (!hasZone || match[4] === undefined)) return false;
  if (match[6] !== undefined && (Number(match[7]) > 23 || Number(match[8]) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

/** An RFC 3339 date-time with its zone (`2026-03-02T10:00:00+08:00`), on a real calendar day. */
export function isCalendarDateTime(value: string): boolean {
  return checkDateTime(value, true);
}

/** A day (`2026-03-02`) or a date-time, its zone optional: the statistics periods' form. */
export function isCalendarDateOrDateTime(value: string): boolean {
  return isCalendarDate(value) || checkDateTime(value, false);
}
