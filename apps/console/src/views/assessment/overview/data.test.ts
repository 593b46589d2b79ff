import { describe, expect, it } from 'vitest';
import { ASSESSMENT_INDICATORS } from '#/api/assessment';
import {
  buildPeriod, defaultPeriod, defaultRule, findWeightProblems, formatIndicatorValue, formatPeriod, fromDraft, listAddableIndicators,
  sumWeights, toDraft,
} from './data';

describe('assessment page data', () => {
  it('formats rates as percentages, counts as numbers and no data as a dash', () => {
    expect(formatIndicatorValue('on_time_sign', 0.75)).toBe('75.0%');
    expect(formatIndicatorValue('supervision_count', 3)).toBe('3');
    expect(formatIndicatorValue('satisfaction', null)).toBe('—');
  });

  it('builds periods with only the field the kind uses', () => {
    expect(buildPeriod('month', 2026, 2)).toEqual({ kind: 'month', year: 2026, month: 2 });
    expect(buildPeriod('half_year', 2026, 1)).toEqual({ kind: 'half_year', year: 2026, half: 1 });
    expect(buildPeriod('year', 2026, 7)).toEqual({ kind: 'year', year: 2026 });
    expect(formatPeriod({ kind: 'month', year: 2026, number: 2, from: '', to: '' })).toBe('2026-02');
    expect(formatPeriod({ kind: 'half_year', year: 2026, number: 2, from: '', to: '' })).toBe('2026-H2');
  });

  it('defaults to the previous month in Asia/Shanghai, across a year end', () => {
    expect(defaultPeriod(new Date('2026-03-02T02:00:00Z'))).toEqual({ kind: 'month', year: 2026, part: 2 });
    // 2026-01-01 01:00 in Shanghai is still 2025-12-31 in UTC.
    expect(defaultPeriod(new Date('2025-12-31T17:00:00Z'))).toEqual({ kind: 'month', year: 2025, part: 12 });
  });

  it('gives rules that fit the indicator', () => {
    expect(defaultRule('notice_count')).toEqual({ kind: 'deduction', pointsPerEvent: 5 });
    expect(defaultRule('return_rate')).toMatchObject({ kind: 'linear', zeroAt: 0.2, fullAt: 0 });
    expect(defaultRule('satisfaction')).toMatchObject({ kind: 'linear', zeroAt: 0.6, fullAt: 0.95 });
    // The grid's own work: the settled share up to its 70 % norm, counts earned linearly (thresholds are counts).
    expect(defaultRule('grid_settlement')).toMatchObject({ kind: 'linear', zeroAt: 0.5, fullAt: 0.7 });
    expect(defaultRule('on_spot_count')).toMatchObject({ kind: 'linear', zeroAt: 0, fullAt: 10 });
    expect(formatIndicatorValue('patrol_report_count', 7)).toBe('7');
    // The emergency work: minutes to acknowledge (fewer is better, thresholds in minutes), rates as rates.
    expect(defaultRule('activation_ack_minutes')).toMatchObject({ kind: 'linear', zeroAt: 30, fullAt: 5 });
    expect(formatIndicatorValue('activation_ack_minutes', 6.25)).toBe('6.3');
    expect(formatIndicatorValue('warning_ack_rate', 2 / 3)).toBe('66.7%');
  });

  it('round-trips a draft and finds unit types whose weights are not 100', () => {
    const rules = {
      department: [
        { indicator: 'on_time_sign' as const, weight: 60.5, rule: defaultRule('on_time_sign') },
        { indicator: 'notice_count' as const, weight: 39.5, rule: defaultRule('notice_count') },
      ],
    };
    const draft = toDraft(rules);
    expect(draft.grid_team).toEqual([]);
    expect(fromDraft(draft)).toEqual(rules);
    expect(findWeightProblems(draft)).toEqual([]);
    draft.department[0]!.weight = 50;
    expect(findWeightProblems(draft)).toEqual([{ unitType: 'department', total: 89.5 }]);
    expect(sumWeights([{ indicator: 'on_time_sign', weight: 0.1, rule: defaultRule('on_time_sign') }, { indicator: 'redo_rate', weight: 0.2, rule: defaultRule('redo_rate') }])).toBe(0.3);
    // The draft is a copy: editing it leaves the version's rules alone.
    expect(rules.department[0]!.weight).toBe(60.5);
    expect(listAddableIndicators(draft.department, ASSESSMENT_INDICATORS)).not.toContain('on_time_sign');
    expect(listAddableIndicators(draft.department, ASSESSMENT_INDICATORS)).toHaveLength(15);
  });
});
