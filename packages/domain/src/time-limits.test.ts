import { describe, expect, it } from 'vitest';
import { CN_2026_HOLIDAYS } from './cn-holidays';
import { checkExtension } from './extension';
import {
  computeDeadlines, computeEscalationPoints, computeFollowUpBy, findEscalationStep, resolveTimeLimits,
} from './time-limits';
import { createWorkCalendar } from './work-calendar';

const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const local = (date: Date): string =>
  new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const calendar = createWorkCalendar(CN_2026_HOLIDAYS);
const show = (deadlines: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(deadlines).map(([k, v]) => [k, v instanceof Date ? local(v) : v]));

describe('computeDeadlines', () => {
  it('a consultation by phone: hand-computed', () => {
    // Window Jan 5 10:00 → Jan 7 17:30 = 300 + 390 + 390 = 1080 office minutes; 75% = 810,
    // reached 120 minutes into Jan 7. Notice: 5 working days after Jan 7 = Jan 14.
    expect(show(computeDeadlines({ from: at('2026-01-05 10:00'), kind: 'consultation', channel: 'phone' }, calendar)))
      .toEqual({
        signBy: '2026-01-05 11:00', returnBy: '2026-01-06 17:30', replyBy: '2026-01-07 17:30',
        reminderAt: '2026-01-07 10:30', supervisionAt: '2026-01-07 17:30', noticeAt: '2026-01-14 17:30',
        handleDays: 2,
      });
  });

  it('a complaint spanning Spring Festival counts both make-up Saturdays', () => {
    const deadlines = computeDeadlines({ from: at('2026-02-10 09:00'), kind: 'complaint', channel: 'web' }, calendar);
    expect(local(deadlines.replyBy)).toBe('2026-03-09 17:30');
    expect(deadlines.handleDays).toBe(15);
  });

  it.each([
    ['help_request', 5, '2026-01-12 17:30'],
    ['suggestion', 5, '2026-01-12 17:30'],
    ['report', 15, '2026-01-26 17:30'],
    ['praise', 5, '2026-01-12 17:30'],
  ] as const)('%s gets %i working days', (kind, days, replyBy) => {
    const deadlines = computeDeadlines({ from: at('2026-01-05 10:00'), kind, channel: 'phone' }, calendar);
    expect(deadlines.handleDays).toBe(days);
    expect(local(deadlines.replyBy)).toBe(replyBy);
  });

  it('mailbox letters: 3 working days, 10 when complex, over Mid-Autumn and National Day', () => {
    const from = at('2026-09-24 16:00');
    expect(local(computeDeadlines({ from, kind: 'complaint', channel: 'mailbox' }, calendar).replyBy))
      .toBe('2026-09-30 17:30');
    expect(local(computeDeadlines({ from, kind: 'complaint', channel: 'mailbox', complex: true }, calendar).replyBy))
      .toBe('2026-10-15 17:30');
  });

  it('normal sign-for skips lunch', () => {
    expect(local(computeDeadlines({ from: at('2026-01-05 11:30'), kind: 'report', channel: 'phone' }, calendar).signBy))
      .toBe('2026-01-05 15:00');
  });

  it('urgent: 30 clock minutes to sign in office hours, same-day reply', () => {
    const deadlines = computeDeadlines(
      { from: at('2026-01-05 11:50'), kind: 'complaint', channel: 'phone', urgent: true }, calendar);
    expect(local(deadlines.signBy)).toBe('2026-01-05 12:20');
    expect(local(deadlines.replyBy)).toBe('2026-01-05 17:30');
    expect(deadlines.handleDays).toBe(0);
  });

  it('urgent outside office hours: 2 clock hours to sign, reply by the next working day', () => {
    const deadlines = computeDeadlines(
      { from: at('2026-01-09 20:00'), kind: 'help_request', channel: 'mailbox', urgent: true }, calendar);
    expect(local(deadlines.signBy)).toBe('2026-01-09 22:00');
    expect(local(deadlines.replyBy)).toBe('2026-01-12 17:30');
  });

  it("a category's own limit beats the kind default, not urgency", () => {
    const from = at('2026-01-05 10:00');
    expect(computeDeadlines({ from, kind: 'consultation', channel: 'phone', handleDays: 7 }, calendar).handleDays).toBe(7);
    expect(computeDeadlines({ from, kind: 'consultation', channel: 'phone', handleDays: 7, urgent: true }, calendar)
      .handleDays).toBe(0);
  });

  it('uses overridden limits', () => {
    const limits = resolveTimeLimits({ signHours: 2, handleDays: { consultation: 1 }, noticeOverdueDays: 1 });
    const deadlines = computeDeadlines({ from: at('2026-01-05 09:00'), kind: 'consultation', channel: 'phone' },
      calendar, limits);
    expect(show(deadlines)).toMatchObject({
      signBy: '2026-01-05 11:00', replyBy: '2026-01-06 17:30', noticeAt: '2026-01-07 17:30',
    });
    expect(limits.handleDays.complaint).toBe(15);
  });

  it('rejects bad input with the field named', () => {
    expect(() => computeDeadlines({ from: new Date(NaN), kind: 'report', channel: 'phone' }, calendar))
      .toThrow(/from must be a valid Date/);
    expect(() => computeDeadlines({ from: at('2026-01-05 09:00'), kind: 'gossip' as never, channel: 'phone' }, calendar))
      .toThrow(/kind: unknown ticket kind "gossip"/);
    expect(() => computeDeadlines({ from: at('2026-01-05 09:00'), kind: 'report', channel: 'phone', handleDays: -2 },
      calendar)).toThrow(/handleDays must be/);
    expect(() => resolveTimeLimits({ reminderRatio: 1.5 })).toThrow(/reminderRatio/);
    expect(() => resolveTimeLimits({ maxExtensionDays: 2.5 })).toThrow(/maxExtensionDays must be a non-negative integer/);
    expect(() => resolveTimeLimits({ handleDays: { report: -1 } })).toThrow(/handleDays\.report/);
  });
});

describe('escalation', () => {
  const points = computeEscalationPoints(at('2026-01-05 10:00'), at('2026-01-07 17:30'), calendar);

  it.each([
    ['2026-01-07 10:29', null],
    ['2026-01-07 10:30', 'reminder'],
    ['2026-01-07 17:30', 'supervision'],
    ['2026-01-14 17:29', 'supervision'],
    ['2026-01-14 17:30', 'notice'],
  ])('at %s → %s', (now, step) => {
    expect(findEscalationStep(at(now), points)).toBe(step);
  });
});

describe('follow-up and extension', () => {
  it('follow-up is due the working day after the reply', () => {
    expect(local(computeFollowUpBy(at('2026-02-13 16:00'), calendar))).toBe('2026-02-14 17:30');
    expect(local(computeFollowUpBy(at('2026-02-14 16:00'), calendar))).toBe('2026-02-24 17:30');
  });

  const replyBy = at('2026-01-07 17:30');
  it('grants up to 5 working days once, asked before the deadline', () => {
    const result = checkExtension({ replyBy, requestedAt: at('2026-01-07 17:00'), days: 5, granted: 0 }, calendar);
    expect(result.ok && local(result.replyBy)).toBe('2026-01-14 17:30');
  });

  it.each([
    [{ days: 6, granted: 0, requestedAt: '2026-01-07 09:00' }, 'too_many_days'],
    [{ days: 0, granted: 0, requestedAt: '2026-01-07 09:00' }, 'invalid_days'],
    [{ days: 1.5, granted: 0, requestedAt: '2026-01-07 09:00' }, 'invalid_days'],
    [{ days: 2, granted: 1, requestedAt: '2026-01-07 09:00' }, 'extension_used'],
    [{ days: 2, granted: 0, requestedAt: '2026-01-07 17:30' }, 'deadline_passed'],
  ])('refuses %o with %s', (request, reason) => {
    expect(checkExtension({ replyBy, ...request, requestedAt: at(request.requestedAt) }, calendar))
      .toEqual({ ok: false, reason });
  });
});
