/** The assessment's pure parts: rule checks, points, ranking and periods, against hand-computed numbers. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME_RULES, DEFAULT_SCHEME_RULES_V1 } from '../../../prisma/seed/seed-assessment.js';
import { AppError } from '../src/lib/app-error.js';
import { resolvePeriod } from '../src/modules/assessment/assessment-period.js';
import { pickRedBlackLists, rankScores } from '../src/modules/assessment/rank-scores.js';
import { validateSchemeRules, type SchemeIndicator } from '../src/modules/assessment/scheme-rules.js';
import { scoreIndicator, scoreUnit } from '../src/modules/assessment/score-unit.js';
import { TICKET_INDICATORS, type UnitTicketFigures } from '../src/modules/statistics/ticket-figures.js';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const linear = (zeroAt: number, fullAt: number, whenNoData: 'exclude' | 'full' | 'zero' = 'full') => ({ kind: 'linear' as const, zeroAt, fullAt, whenNoData });

describe('validateSchemeRules', () => {
  it('accepts the seeded default scheme, which leaves no-data out, and its first version', () => {
    const rules = validateSchemeRules(DEFAULT_SCHEME_RULES);
    expect(Object.keys(rules)).toEqual(['department', 'street_office', 'grid_team']);
    expect(rules.department!.filter((item) => item.rule.kind === 'linear').every((item) => item.rule.kind === 'linear' && item.rule.whenNoData === 'exclude')).toBe(true);
    expect(validateSchemeRules(DEFAULT_SCHEME_RULES_V1).department![0]!.rule).toMatchObject({ whenNoData: 'full' });
  });

  it("leaves a rate without data out unless the rule says 'full' or 'zero'", () => {
    const given = (rule: Record<string, unknown>) => validateSchemeRules({ department: [{ indicator: 'on_time_sign', weight: 100, rule }] }).department![0]!.rule;
    expect(given({ kind: 'linear', zeroAt: 0.6, fullAt: 0.95 })).toMatchObject({ whenNoData: 'exclude' });
    expect(given({ kind: 'linear', zeroAt: 0.6, fullAt: 0.95, whenNoData: 'full' })).toMatchObject({ whenNoData: 'full' });
    const error = refusal(() => given({ kind: 'linear', zeroAt: 0.6, fullAt: 0.95, whenNoData: 'max' }));
    expect(error.extra.field).toBe('rules.department[0].rule.whenNoData');
  });

  it('refuses weights that do not sum to 100, naming the unit type and the sum', () => {
    const error = refusal(() => validateSchemeRules({
      department: [{ indicator: 'on_time_sign', weight: 60, rule: linear(0.6, 0.95) }, { indicator: 'notice_count', weight: 30, rule: { kind: 'deduction', pointsPerEvent: 5 } }],
    }));
    expect(error.code).toBe('validation_failed');
    expect(error.extra.field).toBe('rules.department');
    expect(error.message).toMatch(/weights sum to 90, not 100/);
  });

  it.each([
    ['an unknown indicator', { grid_team: [{ indicator: 'happiness', weight: 100, rule: linear(0.6, 0.95) }] }, 'rules.grid_team[0].indicator', /unknown indicator 'happiness'/],
    ['an unknown unit type', { police_desk: [{ indicator: 'on_time_sign', weight: 100, rule: linear(0.6, 0.95) }] }, 'rules.police_desk', /unknown unit type/],
    ['a rule without kind', { department: [{ indicator: 'on_time_sign', weight: 100, rule: { zeroAt: 0.6 } }] }, 'rules.department[0].rule.kind', /'linear' or 'deduction'/],
    ['a threshold outside 0-1', { department: [{ indicator: 'on_time_sign', weight: 100, rule: { kind: 'linear', zeroAt: 0.6, fullAt: 95 } }] }, 'rules.department[0].rule.fullAt', /between 0 and 1/],
    ['a missing threshold', { department: [{ indicator: 'on_time_sign', weight: 100, rule: { kind: 'linear', fullAt: 0.9 } }] }, 'rules.department[0].rule.zeroAt', /between 0 and 1/],
    ['a higher-is-better rate the wrong way round', { department: [{ indicator: 'satisfaction', weight: 100, rule: linear(0.95, 0.6) }] }, 'rules.department[0].rule.fullAt', /above zeroAt/],
    ['a lower-is-better rate the wrong way round', { department: [{ indicator: 'return_rate', weight: 100, rule: linear(0, 0.2) }] }, 'rules.department[0].rule.fullAt', /below zeroAt/],
    ['a deduction on a rate', { department: [{ indicator: 'return_rate', weight: 100, rule: { kind: 'deduction', pointsPerEvent: 2 } }] }, 'rules.department[0].rule.kind', /is a rate/],
    ['a linear rule on a count', { department: [{ indicator: 'notice_count', weight: 100, rule: linear(0, 1) }] }, 'rules.department[0].rule.kind', /is a count/],
    ['a negative deduction', { department: [{ indicator: 'notice_count', weight: 100, rule: { kind: 'deduction', pointsPerEvent: -5 } }] }, 'rules.department[0].rule.pointsPerEvent', /above 0/],
    ['an unknown rule field', { department: [{ indicator: 'notice_count', weight: 100, rule: { kind: 'deduction', pointsPerEvent: 5, floor: 10 } }] }, 'rules.department[0].rule.floor', /not a field/],
    ['an indicator listed twice', { department: [{ indicator: 'notice_count', weight: 50, rule: { kind: 'deduction', pointsPerEvent: 5 } }, { indicator: 'notice_count', weight: 50, rule: { kind: 'deduction', pointsPerEvent: 5 } }] }, 'rules.department[1].indicator', /listed twice/],
    ['a zero weight', { department: [{ indicator: 'notice_count', weight: 0, rule: { kind: 'deduction', pointsPerEvent: 5 } }] }, 'rules.department[0].weight', /above 0/],
    ['no unit type at all', {}, 'rules', /at least one unit type/],
    ['an empty list', { department: [] }, 'rules.department', /at least one indicator/],
  ])('refuses %s, naming the place', (_name, rules, field, message) => {
    const error = refusal(() => validateSchemeRules(rules));
    expect(error.code).toBe('validation_failed');
    expect(error.extra.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe('scoring', () => {
  const figure = (numerator: number, denominator: number, value: number | null) => ({ numerator, denominator, value });

  it('scores linear rates between the thresholds, clamped, inverted when lower is better', () => {
    expect(scoreIndicator(linear(0.6, 0.95), 20, figure(3, 4, 0.75))).toBeCloseTo(20 * (0.15 / 0.35), 10);
    expect(scoreIndicator(linear(0.6, 0.95), 20, figure(1, 2, 0.5))).toBe(0);
    expect(scoreIndicator(linear(0.6, 0.95), 20, figure(1, 1, 1))).toBe(20);
    // return rate 0.05 on 0.2 → 0: (0.05 - 0.2) / (0 - 0.2) = 0.75 of 10 points.
    expect(scoreIndicator(linear(0.2, 0), 10, figure(1, 20, 0.05))).toBeCloseTo(7.5, 10);
    expect(scoreIndicator(linear(0.2, 0), 10, figure(1, 2, 0.5))).toBe(0);
  });

  it('gives a rate without data full marks, zero or nothing (left out) as the rule says', () => {
    expect(scoreIndicator(linear(0.6, 0.95, 'full'), 15, figure(0, 0, null))).toBe(15);
    expect(scoreIndicator(linear(0.6, 0.95, 'zero'), 15, figure(0, 0, null))).toBe(0);
    expect(scoreIndicator(linear(0.6, 0.95, 'exclude'), 15, figure(0, 0, null))).toBeNull();
  });

  const noFigures = () => Object.fromEntries(TICKET_INDICATORS.map((name) => [name, figure(0, 0, null)])) as UnitTicketFigures;
  const mixed: SchemeIndicator[] = [
    { indicator: 'on_time_sign', weight: 40, rule: linear(0.5, 1, 'exclude') },
    { indicator: 'satisfaction', weight: 30, rule: linear(0.5, 1, 'exclude') },
    { indicator: 'supervision_count', weight: 30, rule: { kind: 'deduction', pointsPerEvent: 10 } },
  ];

  it('re-normalises the weights over the indicators with data and marks the others', () => {
    const figures = noFigures();
    figures.on_time_sign = figure(3, 4, 0.75);
    const result = scoreUnit(mixed, figures);
    // on_time_sign 20 of 40, supervision 30 of 30, satisfaction left out: 100 × 50 / 70.
    expect(result.score).toBe(71.43);
    expect(result.indicators.map((item) => [item.indicator, item.points, item.noData])).toEqual([
      ['on_time_sign', 20, false], ['satisfaction', null, true], ['supervision_count', 30, false],
    ]);
  });

  it('gives a unit with no data at all no score, but scores one with only counted events', () => {
    expect(scoreUnit(mixed, noFigures()).score).toBeNull();
    const supervised = noFigures();
    supervised.supervision_count = figure(2, 2, 2);
    // Only the count is left in: 10 of 30 points → 100 × 10 / 30.
    expect(scoreUnit(mixed, supervised).score).toBe(33.33);
  });

  it('deducts per event and never goes below zero', () => {
    expect(scoreIndicator({ kind: 'deduction', pointsPerEvent: 2 }, 10, figure(3, 9, 3))).toBe(4);
    expect(scoreIndicator({ kind: 'deduction', pointsPerEvent: 5 }, 10, figure(7, 9, 7))).toBe(0);
    expect(scoreIndicator({ kind: 'deduction', pointsPerEvent: 5 }, 10, figure(0, 0, 0))).toBe(10);
  });

  it('adds the points of a unit to two decimals', () => {
    const indicators: SchemeIndicator[] = [
      { indicator: 'on_time_sign', weight: 50, rule: linear(0.6, 0.95) },
      { indicator: 'notice_count', weight: 50, rule: { kind: 'deduction', pointsPerEvent: 5 } },
    ];
    const figures = Object.fromEntries(TICKET_INDICATORS.map((name) => [name, figure(0, 0, null)])) as UnitTicketFigures;
    figures.on_time_sign = figure(2, 3, 2 / 3);
    figures.notice_count = figure(1, 3, 1);
    const result = scoreUnit(indicators, figures);
    // 50 × (0.6667 - 0.6) / 0.35 = 9.5238…; 50 - 5 = 45.
    expect(result.score).toBe(54.52);
    expect(result.indicators.map((item) => item.points)).toEqual([9.5238, 45]);
  });
});

describe('ranking', () => {
  it('shares ranks on ties, orders ties by code, and picks the red and black lists', () => {
    const ranked = rankScores([
      { unitId: 'a', unitCode: 'a', score: 70 }, { unitId: 'b', unitCode: 'b', score: 90 }, { unitId: 'c', unitCode: 'c', score: 70 },
      { unitId: 'd', unitCode: 'd', score: 10 },
    ]);
    expect(ranked.map((row) => [row.unitId, row.rank])).toEqual([['b', 1], ['a', 2], ['c', 2], ['d', 4]]);
    const { red, black } = pickRedBlackLists(ranked, 2);
    expect(red.map((row) => row.unitId)).toEqual(['b', 'a']);
    // c ties with a (red): it did as well as a red unit, so it is not black-listed.
    expect(black.map((row) => row.unitId)).toEqual(['d']);
  });

  const lists = (rows: { unitId: string; score: number | null }[], size = 5) => {
    const ranked = rankScores(rows.map((row) => ({ ...row, unitCode: row.unitId })));
    const { red, black } = pickRedBlackLists(ranked, size);
    return { ranked: ranked.map((row) => [row.unitId, row.rank]), red: red.map((row) => row.unitId), black: black.map((row) => row.unitId) };
  };

  it('leaves no-data units unranked, after the ranked ones, and off both lists', () => {
    const result = lists([
      { unitId: 'n1', score: null }, { unitId: 'a', score: 80 }, { unitId: 'n0', score: null }, { unitId: 'b', score: 60 },
      { unitId: 'c', score: 95 }, { unitId: 'd', score: 40 },
    ], 2);
    expect(result.ranked).toEqual([['c', 1], ['a', 2], ['b', 3], ['d', 4], ['n0', null], ['n1', null]]);
    expect(result.red).toEqual(['c', 'a']);
    expect(result.black).toEqual(['d', 'b']);
  });

  it('splits fewer than 2N ranked units between the lists, never one unit on both', () => {
    expect(lists([{ unitId: 'a', score: 90 }, { unitId: 'b', score: 50 }, { unitId: 'c', score: 70 }])).toMatchObject({ red: ['a', 'c'], black: ['b'] });
    expect(lists([{ unitId: 'a', score: 90 }, { unitId: 'n', score: null }])).toMatchObject({ red: ['a'], black: [] });
    expect(lists([{ unitId: 'n', score: null }])).toMatchObject({ red: [], black: [] });
    const twelve = Array.from({ length: 12 }, (_, i) => ({ unitId: `u${String(i).padStart(2, '0')}`, score: 90 - i }));
    const big = lists(twelve);
    expect(big.red).toEqual(['u00', 'u01', 'u02', 'u03', 'u04']);
    expect(big.black).toEqual(['u11', 'u10', 'u09', 'u08', 'u07']);
  });

  it('never black-lists a perfect score', () => {
    expect(lists([{ unitId: 'a', score: 100 }, { unitId: 'b', score: 100 }, { unitId: 'c', score: 100 }, { unitId: 'd', score: 100 }]))
      .toMatchObject({ red: ['a', 'b'], black: [] });
  });
});

describe('resolvePeriod', () => {
  it('turns months, half-years and years into Asia/Shanghai instants', () => {
    expect(resolvePeriod({ kind: 'month', year: 2026, month: 2 })).toMatchObject({
      from: new Date('2026-01-31T16:00:00Z'), to: new Date('2026-02-28T16:00:00Z'), number: 2,
    });
    expect(resolvePeriod({ kind: 'month', year: 2026, month: 12 }).to).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(resolvePeriod({ kind: 'half_year', year: 2026, half: 2 })).toMatchObject({ from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
    expect(resolvePeriod({ kind: 'year', year: 2026 })).toMatchObject({ from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z'), number: null });
  });

  it.each([
    [{ kind: 'month' as const, year: 2026 }, 'period.month'],
    [{ kind: 'month' as const, year: 2026, month: 13 }, 'period.month'],
    [{ kind: 'month' as const, year: 2026, month: 1, half: 1 }, 'period.half'],
    [{ kind: 'half_year' as const, year: 2026, half: 3 }, 'period.half'],
    [{ kind: 'year' as const, year: 2026, month: 3 }, 'period.month'],
    [{ kind: 'year' as const, year: 1999 }, 'period.year'],
  ])('refuses %o naming %s', (input, field) => {
    expect(refusal(() => resolvePeriod(input)).extra.field).toBe(field);
  });
});
