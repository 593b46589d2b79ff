import { describe, expect, it } from 'vitest';
import type { DutyShift } from '#/api/duty';
import { listWeekDays, shiftsOn, startOfCentreWeek } from './data';

const shift = (id: string, role: string, startsAt: string, endsAt: string): DutyShift => ({
  id, unit: { id: 'u', name: '消防救援大队', tier: 1 }, role, user: null, personName: id, phone: '138****0000', startsAt, endsAt, version: 1,
});

describe('duty week', () => {
  it('starts the week on Monday 00:00 at the centre, whatever the hour in UTC', () => {
    // Sunday 2026-12-06 23:30 at the centre is 15:30 UTC; its week began Monday 2026-11-30 (centre).
    expect(startOfCentreWeek(new Date('2026-12-06T15:30:00Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    // Monday 2026-12-07 00:30 at the centre is still Sunday in UTC.
    expect(startOfCentreWeek(new Date('2026-12-06T16:30:00Z')).toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });

  it('lists seven days with their centre dates', () => {
    const days = listWeekDays(new Date('2026-11-29T16:00:00.000Z'));
    expect(days.map((day) => day.label)).toEqual(['11-30', '12-01', '12-02', '12-03', '12-04', '12-05', '12-06']);
  });

  it('puts a 24 h shift from 08:00 on both days it touches, per role', () => {
    const days = listWeekDays(new Date('2026-11-29T16:00:00.000Z'));
    const shifts = [
      shift('a', 'on_duty', '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'),
      shift('b', 'deputy', '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'),
    ];
    expect(shiftsOn(shifts, days[0]!, 'on_duty').map((s) => s.id)).toEqual(['a']);
    expect(shiftsOn(shifts, days[1]!, 'on_duty').map((s) => s.id)).toEqual(['a']);
    expect(shiftsOn(shifts, days[2]!, 'on_duty')).toEqual([]);
    expect(shiftsOn(shifts, days[0]!, 'deputy').map((s) => s.id)).toEqual(['b']);
  });
});
