import type { WorkCalendarOptions } from './work-calendar';

function listDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Mainland China's 2026 public holidays and make-up working weekends (调休), as
 * published by the State Council. A deployment adds later years through the
 * admin's calendar screen; this is the seed and the test fixture.
 */
export const CN_2026_HOLIDAYS: Required<Pick<WorkCalendarOptions, 'holidays' | 'workdays'>> = Object.freeze({
  holidays: Object.freeze([
    ...listDays('2026-01-01', '2026-01-03'),
    ...listDays('2026-02-15', '2026-02-23'),
    ...listDays('2026-04-04', '2026-04-06'),
    ...listDays('2026-05-01', '2026-05-05'),
    ...listDays('2026-06-19', '2026-06-21'),
    ...listDays('2026-09-25', '2026-09-27'),
    ...listDays('2026-10-01', '2026-10-07'),
  ]),
  workdays: Object.freeze(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']),
});
