/**
 * The ticket figures against hand-computed fixtures: a trail per ticket, the 2026 calendar, the
 * default limits (consultation 2 wd, complaint 15 wd, sign-for 1 working hour). Each expectation
 * was worked out by hand in the comments; the drill-down sets are what the counts are made of.
 */
import { describe, expect, it } from 'vitest';
import { CN_2026_HOLIDAYS, createWorkCalendar, resolveTimeLimits } from '@yixian/domain';
import { collectIndicatorSets, type TrailEntry, type TrailTicket } from '../src/modules/statistics/collect-indicator-sets.js';
import { computeIndicatorValue } from '../src/modules/statistics/ticket-figures.js';
import { CENTRE_KEY, TICKET_INDICATORS, type UnitIndicatorSets } from '../src/modules/statistics/ticket-indicators.js';

const calendar = createWorkCalendar({ holidays: [...CN_2026_HOLIDAYS.holidays], workdays: [...CN_2026_HOLIDAYS.workdays] });
const AGENT = 'agent-1';
const U = 'u1';

const e = (action: string, at: string, extra: Partial<TrailEntry> = {}): TrailEntry => ({
  action, at: new Date(at), toState: null, unitId: U, actorId: 'someone', data: {}, ...extra,
});
const create = (at: string) => e('create', at, { unitId: null, actorId: AGENT, toState: 'accepted' });
const dispatch = (at: string, data: Record<string, unknown> = {}) => e('dispatch', at, { toState: 'dispatched', data });
const ticket = (id: string, kind: string, trail: TrailEntry[], channel = 'phone'): TrailTicket => ({
  id, kind, channel, urgency: 'normal', fields: {}, categoryId: 'c', trail,
});

function collect(tickets: TrailTicket[], from: string, to: string, now = to) {
  return collectIndicatorSets(tickets, {
    from: new Date(from), to: new Date(to), now: new Date(now), calendar,
    limitsFor: () => ({ limits: resolveTimeLimits() }), unitOfUser: (id) => (id === AGENT ? null : 'other'),
  });
}

function figures(sets: UnitIndicatorSets | undefined) {
  return Object.fromEntries(TICKET_INDICATORS.map((i) => {
    const s = sets?.[i];
    return [i, computeIndicatorValue(i, s?.numerator.size ?? 0, s?.denominator.size ?? 0)];
  }));
}

// March 2026, Shanghai: [2026-03-01T00:00+08, 2026-04-01T00:00+08).
const MARCH = ['2026-02-28T16:00:00Z', '2026-03-31T16:00:00Z'] as const;

const T1 = ticket('t1', 'consultation', [ // signed in 30 min, replied next day (due Wed 4 Mar 17:30), basically satisfied
  create('2026-03-02T01:00:00Z'), dispatch('2026-03-02T02:00:00Z'), e('sign', '2026-03-02T02:30:00Z'),
  e('reply', '2026-03-03T02:00:00Z'), e('follow-up', '2026-03-04T02:00:00Z', { data: { verdict: 'basically_satisfied' } }),
  e('close', '2026-03-04T03:00:00Z', { toState: 'closed' }),
]);
const T2 = ticket('t2', 'complaint', [ // signed at 13:00 (due 11:00): late; due Mon 23 Mar, extended to Fri 27, replied Thu 26: in time
  dispatch('2026-03-02T02:00:00Z'), e('sign', '2026-03-02T05:00:00Z'),
  e('request-extension', '2026-03-20T02:00:00Z', { data: { days: 4 } }),
  e('approve-extension', '2026-03-20T03:00:00Z', { data: { approve: true, days: 4, replyBy: '2026-03-27T09:30:00.000Z' } }),
  e('reply', '2026-03-26T02:00:00Z'), e('follow-up', '2026-03-27T02:00:00Z', { data: { verdict: 'unreachable' } }),
]);
const T3 = ticket('t3', 'consultation', [ // replied in time, reopened (not satisfied), due again Fri 13 Mar, replied Mon 16: late
  dispatch('2026-03-09T02:00:00Z'), e('sign', '2026-03-09T02:10:00Z'), e('reply', '2026-03-10T02:00:00Z'),
  e('follow-up', '2026-03-11T02:00:00Z', { data: { verdict: 'not_satisfied' } }), e('reopen', '2026-03-11T02:00:01Z', { toState: 'reopened', data: { viaFollowUp: true } }),
  e('sign', '2026-03-11T03:00:00Z'), e('reply', '2026-03-16T02:00:00Z'),
  e('follow-up', '2026-03-17T02:00:00Z', { data: { verdict: 'satisfied' } }), e('close', '2026-03-17T03:00:00Z', { toState: 'closed' }),
]);
const T4 = ticket('t4', 'consultation', [ // returned, ruled wrongful, sent back, signed, never replied (due Wed 18 Mar), supervised
  dispatch('2026-03-16T02:00:00Z'), e('return', '2026-03-16T03:00:00Z', { toState: 'returned' }),
  dispatch('2026-03-16T04:00:00Z', { ruling: 'reject', wrongful: true }), e('sign', '2026-03-16T04:30:00Z'),
  e('supervise', '2026-03-18T09:30:00Z', { actorId: null }),
]);
const T5 = ticket('t5', 'consultation', [create('2026-03-05T01:00:00Z'), e('close-at-intake', '2026-03-05T01:05:00Z', { unitId: null, toState: 'closed_at_intake' })]);

describe('ticket figures against hand-computed fixtures', () => {
  it('computes every indicator of a month for one unit', () => {
    const sets = collect([T1, T2, T3, T4, T5], ...MARCH);
    const f = figures(sets.get(U));
    expect(f.on_time_sign).toEqual({ numerator: 2, denominator: 4, value: 0.5 }); // t1, t3 of t1-t4
    expect(f.on_time_completion).toEqual({ numerator: 2, denominator: 4, value: 0.5 }); // t1, t2 (extended)
    expect(f.return_rate).toEqual({ numerator: 1, denominator: 4, value: 0.25 }); // t4 ruled wrongful
    expect(f.extension_rate).toEqual({ numerator: 1, denominator: 4, value: 0.25 }); // t2
    expect(f.redo_rate).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 }); // t3 of t1-t3 replied
    expect(f.satisfaction).toEqual({ numerator: 2, denominator: 2, value: 1 }); // t1, t3; t2 unreachable
    expect(f.supervision_count).toEqual({ numerator: 1, denominator: 4, value: 1 });
    expect(f.notice_count).toEqual({ numerator: 0, denominator: 4, value: 0 });
    expect(f.mailbox_on_time).toEqual({ numerator: 0, denominator: 0, value: null });
    expect([...sets.get(U)!.on_time_completion.numerator].sort()).toEqual(['t1', 't2']);
    expect(figures(sets.get(CENTRE_KEY)).direct_answer).toEqual({ numerator: 1, denominator: 2, value: 0.5 }); // t5 of t1, t5
  });

  it('gives zeros and null rates for a period with no data', () => {
    const sets = collect([T1, T2], '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z');
    expect(sets.size).toBe(0);
    const f = figures(undefined);
    expect(f.on_time_sign).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(f.supervision_count).toEqual({ numerator: 0, denominator: 0, value: 0 });
  });

  it('counts holidays inside a deadline: a consultation dispatched Thu 30 Apr is due Thu 7 May, not Mon 4 May', () => {
    const letter = ticket('t6', 'consultation', [dispatch('2026-04-30T02:00:00Z'), e('sign', '2026-04-30T02:20:00Z'), e('reply', '2026-05-06T09:00:00Z')]);
    const late = ticket('t7', 'consultation', [dispatch('2026-04-30T02:00:00Z'), e('sign', '2026-04-30T02:20:00Z'), e('reply', '2026-05-07T10:00:00Z')]);
    const may = collect([letter, late], '2026-04-30T16:00:00Z', '2026-05-31T16:00:00Z').get(U)!;
    expect([...may.on_time_completion.denominator].sort()).toEqual(['t6', 't7']);
    expect([...may.on_time_completion.numerator]).toEqual(['t6']);
    // Dispatched in April, so not in May's dispatched set.
    expect(may.on_time_sign.denominator.size).toBe(0);
  });

  it('does not count a deadline still ahead, and drops an episode handed back before its deadline', () => {
    const open = ticket('t8', 'complaint', [dispatch('2026-03-30T02:00:00Z')]); // due 20 Apr
    const openShort = ticket('t9', 'consultation', [dispatch('2026-03-30T02:00:00Z')]); // due Wed 1 Apr 17:30: April
    const handedBack = ticket('t10', 'consultation', [dispatch('2026-03-02T02:00:00Z'), e('return', '2026-03-02T03:00:00Z', { toState: 'returned' }),
      dispatch('2026-03-02T05:00:00Z', { ruling: 'accept' }, ), ]);
    handedBack.trail[2] = { ...handedBack.trail[2]!, unitId: 'u2' };
    const sets = collect([open, openShort, handedBack], ...MARCH, '2026-03-31T00:00:00Z');
    expect(sets.get(U)!.on_time_completion.denominator.size).toBe(0);
    expect(sets.get(U)!.return_rate.numerator.size).toBe(0); // accepted return: not the unit's fault
    expect(sets.get('u2')!.on_time_completion.denominator).toEqual(new Set(['t10'])); // due 4 Mar, never replied
    expect(sets.get('u2')!.on_time_completion.numerator.size).toBe(0);
  });

  it('gives a mailbox letter both completion figures', () => {
    const letter = ticket('t11', 'suggestion', [dispatch('2026-03-02T02:00:00Z'), e('reply', '2026-03-05T09:00:00Z')], 'mailbox'); // 3 wd: Thu 5 Mar 17:30
    const f = figures(collect([letter], ...MARCH).get(U));
    expect(f.mailbox_on_time).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(f.on_time_completion).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });

  it('moves a letter\'s deadline when it is marked complex after an extension, and not by an approval after the deadline', () => {
    const complex = { ...ticket('t12', 'suggestion', [
      dispatch('2026-03-02T02:00:00Z'), // 3 wd: Thu 5 Mar 17:30
      e('approve-extension', '2026-03-04T02:00:00Z', { data: { approve: true, replyBy: '2026-03-06T09:30:00.000Z' } }),
      e('mark-complex', '2026-03-04T03:00:00Z', { unitId: null, data: { complex: true, replyBy: '2026-03-17T09:30:00.000Z' } }),
      e('reply', '2026-03-16T02:00:00Z'),
    ], 'mailbox'), fields: { complex: true } };
    const lateApproval = ticket('t13', 'consultation', [
      dispatch('2026-03-02T02:00:00Z'), // 2 wd: Wed 4 Mar 17:30
      e('approve-extension', '2026-03-05T02:00:00Z', { data: { approve: true, replyBy: '2026-03-10T09:30:00.000Z' } }),
      e('reply', '2026-03-09T02:00:00Z'),
    ]);
    const sets = collect([complex, lateApproval], ...MARCH).get(U)!;
    expect([...sets.mailbox_on_time.numerator]).toEqual(['t12']);
    expect([...sets.on_time_completion.denominator].sort()).toEqual(['t12', 't13']);
    expect([...sets.on_time_completion.numerator]).toEqual(['t12']); // t13 was late on 4 Mar; the approval came after
  });
});
