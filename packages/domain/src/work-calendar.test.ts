import { describe, expect, it } from 'vitest';
import { CN_2026_HOLIDAYS } from './cn-holidays';
import { createWorkCalendar } from './work-calendar';

/** A Shanghai wall-clock time as an instant. */
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** The instant printed back in Shanghai wall-clock time. */
const local = (date: Date): string =>
  new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const calendar = createWorkCalendar(CN_2026_HOLIDAYS);

describe('isWorkingDay', () => {
  it.each([
    ['2026-01-05 10:00', true, 'ordinary Monday'],
    ['2026-01-01 10:00', false, "New Year's Day (Thursday)"],
    ['2026-01-04 10:00', true, 'make-up Sunday'],
    ['2026-01-10 10:00', false, 'ordinary Saturday'],
    ['2026-02-14 10:00', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-16 10:00', false, 'Spring Festival Monday'],
    ['2026-02-23 10:00', false, 'last day of Spring Festival'],
    ['2026-02-24 10:00', true, 'first day back'],
    ['2026-02-28 10:00', true, 'make-up Saturday after Spring Festival'],
    ['2026-10-10 10:00', true, 'make-up Saturday after National Day'],
    ['2026-10-07 10:00', false, 'National Day week'],
  ])('%s → %s (%s)', (when, expected) => {
    expect(calendar.isWorkingDay(at(when))).toBe(expected);
  });

  it('reads the day in UTC+8, not UTC', () => {
    // Monday 2026-01-12 07:00 in Shanghai is still Sunday in UTC.
    expect(calendar.isWorkingDay(new Date('2026-01-11T23:00:00Z'))).toBe(true);
    // Saturday 2026-01-10 01:00 in Shanghai is still Friday in UTC.
    expect(calendar.isWorkingDay(new Date('2026-01-09T17:00:00Z'))).toBe(false);
  });
});

describe('isOfficeTime', () => {
  it.each([
    ['2026-01-05 08:29', false], ['2026-01-05 08:30', true], ['2026-01-05 11:59', true],
    ['2026-01-05 12:00', false], ['2026-01-05 14:30', true], ['2026-01-05 17:30', false],
    ['2026-01-01 09:00', false],
  ])('%s → %s', (when, expected) => {
    expect(calendar.isOfficeTime(at(when))).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-01-05 09:00', 1, '2026-01-06 17:30', 'next day close'],
    ['2026-01-09 16:00', 1, '2026-01-12 17:30', 'Friday to Monday'],
    ['2026-01-10 10:00', 1, '2026-01-12 17:30', 'from a Saturday'],
    ['2025-12-31 10:00', 1, '2026-01-04 17:30', 'over New Year onto the make-up Sunday'],
    ['2026-02-13 15:00', 2, '2026-02-24 17:30', 'Spring Festival: make-up Saturday, then back on the 24th'],
    ['2026-02-12 10:00', 5, '2026-02-26 17:30', 'five days spanning Spring Festival'],
    ['2026-01-05 10:00', 15, '2026-01-26 17:30', 'three plain weeks'],
    ['2026-01-05 10:00', 0, '2026-01-05 17:30', 'same day'],
    ['2026-01-05 18:00', 0, '2026-01-06 17:30', 'same day after close rolls over'],
    ['2026-01-01 10:00', 0, '2026-01-04 17:30', 'same day on a holiday rolls over to the make-up Sunday'],
  ])('%s + %i wd → %s (%s)', (from, n, expected) => {
    expect(local(calendar.addWorkingDays(at(from), n))).toBe(expected);
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['2026-01-05 09:00', 1, '2026-01-05 10:00', 'inside the morning'],
    ['2026-01-05 11:30', 1, '2026-01-05 15:00', 'skips lunch'],
    ['2026-01-05 11:00', 1, '2026-01-05 12:00', 'ends exactly at noon'],
    ['2026-01-05 07:00', 0.5, '2026-01-05 09:00', 'before opening starts at 08:30'],
    ['2026-01-05 13:00', 0.5, '2026-01-05 15:00', 'during lunch starts at 14:30'],
    ['2026-01-05 17:00', 1, '2026-01-06 09:00', 'overnight'],
    ['2026-01-09 17:00', 1, '2026-01-12 09:00', 'over a weekend'],
    ['2026-02-13 17:00', 2, '2026-02-14 10:00', 'onto the make-up Saturday'],
    ['2026-02-14 17:00', 1, '2026-02-24 09:00', 'over Spring Festival'],
    ['2026-01-05 08:30', 6, '2026-01-05 17:00', 'most of a day'],
    ['2026-01-05 08:30', 6.5, '2026-01-05 17:30', 'a full 6.5-hour day'],
    ['2026-01-05 08:30', 7, '2026-01-06 09:00', 'half an hour into the next day'],
  ])('%s + %s h → %s (%s)', (from, hours, expected) => {
    expect(local(calendar.addWorkingHours(at(from), hours))).toBe(expected);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['2026-01-05 09:00', '2026-01-05 10:00', 60],
    ['2026-01-05 11:00', '2026-01-05 15:00', 90],
    ['2026-01-05 00:00', '2026-01-06 00:00', 390],
    ['2026-01-09 17:00', '2026-01-12 09:00', 60],
    ['2026-02-13 08:30', '2026-02-24 08:30', 780],
    ['2026-01-05 12:00', '2026-01-05 14:30', 0],
  ])('%s → %s = %i min', (a, b, minutes) => {
    expect(calendar.workingMinutesBetween(at(a), at(b))).toBe(minutes);
    expect(calendar.workingMinutesBetween(at(b), at(a))).toBe(minutes === 0 ? -0 : -minutes);
  });

  it('inverts addWorkingHours', () => {
    const from = at('2026-02-12 16:10');
    const to = calendar.addWorkingHours(from, 23.25);
    expect(calendar.workingMinutesBetween(from, to)).toBe(23.25 * 60);
  });
});

describe('nextWorkingDayStart', () => {
  it.each([
    ['2026-01-05 07:00', '2026-01-06 08:30'],
    ['2026-01-09 12:00', '2026-01-12 08:30'],
    ['2026-02-14 12:00', '2026-02-24 08:30'],
    ['2026-02-27 12:00', '2026-02-28 08:30'],
    ['2025-12-31 20:00', '2026-01-04 08:30'],
  ])('%s → %s', (from, expected) => {
    expect(local(calendar.nextWorkingDayStart(at(from)))).toBe(expected);
  });
});

describe('configuration and input errors', () => {
  it('rejects bad dates, clashes and office hours with a named field', () => {
    expect(() => createWorkCalendar({ holidays: ['2026-02-30'] })).toThrow(/holidays: "2026-02-30"/);
    expect(() => createWorkCalendar({ workdays: ['26-1-4'] })).toThrow(/workdays/);
    expect(() => createWorkCalendar({ holidays: ['2026-01-04'], workdays: ['2026-01-04'] })).toThrow(/both/);
    expect(() => createWorkCalendar({ officeHours: [] })).toThrow(/at least one/);
    expect(() => createWorkCalendar({ officeHours: [{ start: '9:00', end: '12:00' }] })).toThrow(/officeHours\[0\]\.start/);
    expect(() => createWorkCalendar({ officeHours: [{ start: '12:00', end: '09:00' }] })).toThrow(/before end/);
    expect(() =>
      createWorkCalendar({ officeHours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }),
    ).toThrow(/overlap/);
  });

  it('rejects invalid arguments', () => {
    expect(() => calendar.isWorkingDay(new Date('nope'))).toThrow(/date must be a valid Date/);
    expect(() => calendar.addWorkingDays(at('2026-01-05 09:00'), -1)).toThrow(/n must be/);
    expect(() => calendar.addWorkingDays(at('2026-01-05 09:00'), 1.5)).toThrow(/integer/);
    expect(() => calendar.addWorkingHours(at('2026-01-05 09:00'), Number.NaN)).toThrow(/hours/);
  });

  it('stops on a calendar without working days', () => {
    const never = createWorkCalendar({ officeHours: [{ start: '00:00', end: '00:01' }], holidays: [] });
    expect(local(never.addWorkingDays(at('2026-01-05 09:00'), 1))).toBe('2026-01-06 00:01');
    const allHolidays = Array.from({ length: 4000 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    const closed = createWorkCalendar({ holidays: allHolidays });
    expect(() => closed.nextWorkingDayStart(at('2026-01-05 09:00'))).toThrow(/no working day/);
  });

  it('supports custom office hours', () => {
    const evening = createWorkCalendar({ officeHours: [{ start: '09:00', end: '18:00' }] });
    expect(local(evening.addWorkingDays(at('2026-01-05 09:00'), 1))).toBe('2026-01-06 18:00');
    expect(evening.workingMinutesBetween(at('2026-01-05 00:00'), at('2026-01-06 00:00'))).toBe(540);
  });
});
