/**
 * Working time on a Chinese public-sector calendar: Monday-Friday office hours,
 * minus public holidays, plus make-up working weekends (调休). All limits of
 * DOMAIN.md are counted on this calendar. Instants are JS `Date`s (UTC) read in
 * Asia/Shanghai, which is UTC+8 all year (no DST), so a fixed offset is exact.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const UTC8_OFFSET = 8 * 60 * MINUTE;
/** A calendar with no working day in ten years is a configuration error, not a loop. */
const MAX_SCAN_DAYS = 3_660;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface OfficePeriod {
  /** Local time `HH:MM` (UTC+8). */
  readonly start: string;
  readonly end: string;
}

/** 08:30-12:00 and 14:30-17:30, the district's office hours. */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = Object.freeze([
  { start: '08:30', end: '12:00' },
  { start: '14:30', end: '17:30' },
]);

export interface WorkCalendarOptions {
  /** Local dates `YYYY-MM-DD` that are days off even on a weekday. */
  readonly holidays?: readonly string[];
  /** Local dates `YYYY-MM-DD` that are working days even on a weekend (调休). */
  readonly workdays?: readonly string[];
  readonly officeHours?: readonly OfficePeriod[];
}

export interface WorkCalendar {
  isWorkingDay(date: Date): boolean;
  /** Inside one of the office periods of a working day (end excluded). */
  isOfficeTime(date: Date): boolean;
  /**
   * End of office hours on the n-th working day after `from`'s local day.
   * n = 0 means "same day": today's close if `from` is a working day before
   * its close, otherwise the next working day's close.
   */
  addWorkingDays(from: Date, n: number): Date;
  /** The instant after `hours` of office time from `from` (fractions allowed: 0.5 = 30 min). */
  addWorkingHours(from: Date, hours: number): Date;
  /** Office minutes in [a, b); negative when b is before a. */
  workingMinutesBetween(a: Date, b: Date): number;
  /** Office opening of the first working day after `from`'s local day. */
  nextWorkingDayStart(from: Date): Date;
}

function parseLocalDate(value: string, field: string): number {
  const match = DATE_PATTERN.exec(value);
  const epochMs = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || new Date(epochMs).toISOString().slice(0, 10) !== value) {
    throw new RangeError(`${field}: "${value}" is not a date in YYYY-MM-DD form`);
  }
  return epochMs / DAY;
}

function parseOfficeHours(periods: readonly OfficePeriod[]): [number, number][] {
  if (periods.length === 0) throw new RangeError('officeHours: at least one period is required');
  const minutes = periods.map(({ start, end }, index) => {
    const toMinutes = (time: string, side: string): number => {
      const match = TIME_PATTERN.exec(time);
      if (!match) throw new RangeError(`officeHours[${index}].${side}: "${time}" is not HH:MM`);
      return Number(match[1]) * 60 + Number(match[2]);
    };
    const range: [number, number] = [toMinutes(start, 'start'), toMinutes(end, 'end')];
    if (range[0] >= range[1]) throw new RangeError(`officeHours[${index}]: start must be before end`);
    return range;
  });
  minutes.forEach(([start], index) => {
    const previous = minutes[index - 1];
    if (previous && start < previous[1]) {
      throw new RangeError(`officeHours[${index}]: periods must be in order and not overlap`);
    }
  });
  return minutes;
}

function assertDate(value: Date, field: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`${field} must be a valid Date`);
  }
  return value.getTime();
}

function assertCount(value: number, field: string, integer: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${field} must be a non-negative ${integer ? 'integer' : 'number'}`);
  }
}

const localDayOf = (ms: number): number => Math.floor((ms + UTC8_OFFSET) / DAY);
const dayStartMs = (day: number): number => day * DAY - UTC8_OFFSET;

/**
 * Builds a calendar from holiday data. Validates everything up front so a bad
 * admin entry fails when saved, not when a deadline is computed at night.
 */
export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const holidays = new Set((options.holidays ?? []).map((d) => parseLocalDate(d, 'holidays')));
  const workdays = new Set((options.workdays ?? []).map((d) => parseLocalDate(d, 'workdays')));
  for (const day of workdays) {
    if (holidays.has(day)) {
      throw new RangeError(`${new Date(day * DAY).toISOString().slice(0, 10)} is both a holiday and a workday`);
    }
  }
  const periods = parseOfficeHours(options.officeHours ?? DEFAULT_OFFICE_HOURS);
  const openMinute = periods[0]![0];
  const closeMinute = periods[periods.length - 1]![1];

  const isWorkingDayNumber = (day: number): boolean => {
    if (workdays.has(day)) return true;
    if (holidays.has(day)) return false;
    const weekday = new Date(day * DAY).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  const nextWorkingDay = (day: number): number => {
    for (let next = day + 1; next <= day + MAX_SCAN_DAYS; next += 1) {
      if (isWorkingDayNumber(next)) return next;
    }
    throw new RangeError('work calendar has no working day in the next ten years');
  };

  const officeMsBetween = (aMs: number, bMs: number): number => {
    let total = 0;
    for (let day = localDayOf(aMs); day <= localDayOf(bMs); day += 1) {
      if (!isWorkingDayNumber(day)) continue;
      for (const [start, end] of periods) {
        const overlap =
          Math.min(bMs, dayStartMs(day) + end * MINUTE) - Math.max(aMs, dayStartMs(day) + start * MINUTE);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  };

  return {
    isWorkingDay: (date) => isWorkingDayNumber(localDayOf(assertDate(date, 'date'))),

    isOfficeTime(date) {
      const ms = assertDate(date, 'date');
      const day = localDayOf(ms);
      if (!isWorkingDayNumber(day)) return false;
      const minute = (ms - dayStartMs(day)) / MINUTE;
      return periods.some(([start, end]) => minute >= start && minute < end);
    },

    addWorkingDays(from, n) {
      const ms = assertDate(from, 'from');
      assertCount(n, 'n', true);
      const today = localDayOf(ms);
      let day = today;
      if (n === 0) {
        const closesToday = isWorkingDayNumber(today) && ms < dayStartMs(today) + closeMinute * MINUTE;
        if (!closesToday) day = nextWorkingDay(today);
      }
      for (let counted = 0; counted < n; counted += 1) day = nextWorkingDay(day);
      return new Date(dayStartMs(day) + closeMinute * MINUTE);
    },

    addWorkingHours(from, hours) {
      let cursor = assertDate(from, 'from');
      assertCount(hours, 'hours', false);
      let remaining = Math.round(hours * 60 * MINUTE);
      let day = localDayOf(cursor);
      if (!isWorkingDayNumber(day)) day = nextWorkingDay(day);
      for (;;) {
        for (const [start, end] of periods) {
          const periodEnd = dayStartMs(day) + end * MINUTE;
          if (cursor >= periodEnd) continue;
          const begin = Math.max(cursor, dayStartMs(day) + start * MINUTE);
          if (remaining <= periodEnd - begin) return new Date(begin + remaining);
          remaining -= periodEnd - begin;
          cursor = periodEnd;
        }
        day = nextWorkingDay(day);
      }
    },

    workingMinutesBetween(a, b) {
      const aMs = assertDate(a, 'a');
      const bMs = assertDate(b, 'b');
      return bMs < aMs ? -officeMsBetween(bMs, aMs) / MINUTE : officeMsBetween(aMs, bMs) / MINUTE;
    },

    nextWorkingDayStart(from) {
      const day = nextWorkingDay(localDayOf(assertDate(from, 'from')));
      return new Date(dayStartMs(day) + openMinute * MINUTE);
    },
  };
}
