import { describe, expect, it } from 'vitest';
import {
  computeAbandonRate, computeAverageHandleTime, computeCallFigures, computeConnectionRate, computeDirectAnswerRate,
  computeExtensionRate, computeMailboxOnTimeReplyRate, computeOnTimeCompletionRate, computeOnTimeSignRate,
  computeRedoRate, computeReturnRate, computeSatisfactionRate, computeServiceLevel, computeServiceLevel2,
  isWithinThreshold,
} from './kpi';

describe('call figures', () => {
  // A day by hand: 200 offered, 190 answered (171 within 15 s, 180 within the 20 s
  // service level), 10 abandoned (4 within 20 s), 1,900 s waited, 38,000 s talk, 5,700 s wrap-up.
  const day = {
    offered: 200, answered: 190, abandoned: 10, answeredWithin15s: 171, answeredWithinThreshold: 180,
    abandonedWithinThreshold: 4, totalWaitSeconds: 1_900, totalTalkSeconds: 38_000, totalWrapUpSeconds: 5_700,
  };

  it('computes every figure', () => {
    const figures = computeCallFigures(day);
    expect(figures).toMatchObject({
      connectionRate: 0.95, timelyAnswerRate: 0.9, abandonRate: 0.05,
      averageSpeedOfAnswer: 10, averageHandleTime: 230, serviceLevel2: 0.92,
    });
    expect(figures.serviceLevel).toBeCloseTo(180 / 190, 12);
  });

  it('gives null, not NaN, for an empty period', () => {
    const empty = Object.fromEntries(Object.keys(day).map((k) => [k, 0])) as typeof day;
    expect(Object.values(computeCallFigures(empty))).toEqual([null, null, null, null, null, null, null]);
  });

  it('SL2 counts abandoned calls, SL does not', () => {
    expect(computeServiceLevel({ answeredWithinThreshold: 8, answered: 10 })).toBe(0.8);
    expect(computeServiceLevel2({ answeredWithinThreshold: 8, abandonedWithinThreshold: 2, answered: 10, abandoned: 10 }))
      .toBe(0.5);
    expect(computeServiceLevel2({ answeredWithinThreshold: 0, abandonedWithinThreshold: 3, answered: 0, abandoned: 3 }))
      .toBe(1);
  });

  it('counts a wait equal to the threshold as within (Asterisk <=)', () => {
    expect(isWithinThreshold(15, 15)).toBe(true);
    expect(isWithinThreshold(15.5, 15)).toBe(false);
  });

  it('rejects impossible counts naming the fields', () => {
    expect(() => computeConnectionRate({ answered: 11, offered: 10 })).toThrow(/answered \(11\) cannot exceed offered \(10\)/);
    expect(() => computeAbandonRate({ abandoned: -1, offered: 10 })).toThrow(/abandoned must be a non-negative number/);
    expect(() => computeAbandonRate({ abandoned: Number.NaN, offered: 10 })).toThrow(/abandoned/);
    expect(() => computeAverageHandleTime({ totalTalkSeconds: 10, totalWrapUpSeconds: -5, handled: 1 }))
      .toThrow(/totalWrapUpSeconds/);
    expect(() => computeServiceLevel2({ answeredWithinThreshold: 1, abandonedWithinThreshold: 5, answered: 10, abandoned: 2 }))
      .toThrow(/abandonedWithinThreshold \(5\) cannot exceed abandoned \(2\)/);
  });
});

describe('ticket figures', () => {
  it.each([
    ['on-time sign-for', () => computeOnTimeSignRate({ signedInTime: 45, dispatched: 50 }), 0.9],
    ['on-time completion', () => computeOnTimeCompletionRate({ repliedInTime: 3, due: 4 }), 0.75],
    ['return', () => computeReturnRate({ returned: 5, dispatched: 50 }), 0.1],
    ['redo', () => computeRedoRate({ reopened: 2, replied: 40 }), 0.05],
    ['satisfaction', () => computeSatisfactionRate({ satisfied: 30, basicallySatisfied: 6, followUps: 40 }), 0.9],
    ['extension', () => computeExtensionRate({ extended: 1, dispatched: 50 }), 0.02],
    ['direct answer', () => computeDirectAnswerRate({ closedAtIntake: 30, accepted: 120 }), 0.25],
    ['mailbox on-time reply (district 2017)', () => computeMailboxOnTimeReplyRate({ repliedInTime: 666, lettersDue: 666 }), 1],
  ])('%s', (_name, compute, expected) => {
    expect(compute()).toBe(expected);
  });

  it('null when nothing was dispatched, replied or followed up', () => {
    expect(computeOnTimeSignRate({ signedInTime: 0, dispatched: 0 })).toBeNull();
    expect(computeRedoRate({ reopened: 0, replied: 0 })).toBeNull();
    expect(computeSatisfactionRate({ satisfied: 0, basicallySatisfied: 0, followUps: 0 })).toBeNull();
  });

  it('rejects a satisfied count above the follow-ups', () => {
    expect(() => computeSatisfactionRate({ satisfied: 30, basicallySatisfied: 20, followUps: 40 }))
      .toThrow(/satisfied \+ basicallySatisfied \(50\) cannot exceed followUps \(40\)/);
  });
});
