import { describe, expect, it } from 'vitest';
import type { TicketCountRow } from '#/api/statistics';
import {
  bucketKeyOf, bucketPeriod, buildHotlineOption, buildTicketOption, buildVolumeOption, callDrillTarget, computePeriod, defaultDrillPart,
  emptyCallRow, fillCallRows, formatBucketLabel, formatDuration, formatIndicator, formatRate, listBucketKeys, parseShanghaiDate,
  formatShanghaiTime, lastDayOf, startOfShanghaiDay, suggestCallGroup, toQueryPeriod,
} from './data';

const iso = (d: Date | undefined) => d?.toISOString();

describe('periods in Asia/Shanghai', () => {
  // 2026-03-04 (a Wednesday) 00:30 in Shanghai is still 2026-03-03 in UTC.
  const now = new Date('2026-03-03T16:30:00Z');

  it('starts "today" at Shanghai midnight, not UTC midnight', () => {
    expect(iso(startOfShanghaiDay(now))).toBe('2026-03-03T16:00:00.000Z');
    const today = computePeriod('today', now);
    expect(toQueryPeriod(today!)).toEqual({ from: '2026-03-03T16:00:00.000Z', to: '2026-03-04T16:00:00.000Z' });
  });

  it('starts the week on Monday and the month on the 1st, and ends running periods with today', () => {
    expect(iso(computePeriod('this_week', now)?.from)).toBe('2026-03-01T16:00:00.000Z'); // Monday 2 March
    expect(iso(computePeriod('this_week', now)?.to)).toBe('2026-03-04T16:00:00.000Z');
    expect(iso(computePeriod('this_month', now)?.from)).toBe('2026-02-28T16:00:00.000Z');
    // On a Sunday the week began six days earlier.
    expect(iso(computePeriod('this_week', new Date('2026-03-08T10:00:00Z'))?.from)).toBe('2026-03-01T16:00:00.000Z');
  });

  it('gives last month whole, across a year end', () => {
    expect(toQueryPeriod(computePeriod('last_month', now)!)).toEqual({ from: '2026-01-31T16:00:00.000Z', to: '2026-02-28T16:00:00.000Z' });
    // 2026-01-01 01:00 in Shanghai: last month is December 2025.
    expect(toQueryPeriod(computePeriod('last_month', new Date('2025-12-31T17:00:00Z'))!)).toEqual({
      from: '2025-11-30T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z',
    });
  });

  it('includes both picked days of a custom range and refuses bad ones', () => {
    expect(toQueryPeriod(computePeriod('custom', now, ['2026-02-01', '2026-02-03'])!)).toEqual({
      from: '2026-01-31T16:00:00.000Z', to: '2026-02-03T16:00:00.000Z',
    });
    expect(computePeriod('custom', now, ['2026-02-03', '2026-02-01'])).toBeNull();
    expect(computePeriod('custom', now, null)).toBeNull();
    expect(computePeriod('custom', now, ['2026-02-30', '2026-03-01'])).toBeNull();
    expect(parseShanghaiDate('2026-1-1')).toBeNull();
  });

  it('suggests a grouping that fits the length', () => {
    expect(suggestCallGroup(computePeriod('today', now)!)).toBe('hour');
    expect(suggestCallGroup(computePeriod('last_month', now)!)).toBe('day');
    expect(suggestCallGroup(computePeriod('custom', now, ['2025-10-01', '2026-02-28'])!)).toBe('week');
    expect(suggestCallGroup(computePeriod('custom', now, ['2025-01-01', '2025-12-31'])!)).toBe('month');
  });
});

describe('buckets', () => {
  const day = computePeriod('custom', new Date(), ['2026-03-04', '2026-03-04'])!;

  it('names buckets as the API does, in Shanghai time', () => {
    expect(bucketKeyOf('hour', new Date('2026-03-03T16:00:00Z'))).toBe('2026-03-04 00:00');
    expect(bucketKeyOf('day', new Date('2026-03-03T16:00:00Z'))).toBe('2026-03-04');
    expect(bucketKeyOf('week', new Date('2026-03-03T16:00:00Z'))).toBe('2026-03-02');
    expect(bucketKeyOf('month', new Date('2026-03-03T16:00:00Z'))).toBe('2026-03');
  });

  it('lists every bucket of the period', () => {
    const hours = listBucketKeys('hour', day);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toBe('2026-03-04 00:00');
    expect(hours[23]).toBe('2026-03-04 23:00');
    const february = computePeriod('custom', new Date(), ['2026-02-01', '2026-02-28'])!;
    expect(listBucketKeys('day', february)).toHaveLength(28);
    expect(listBucketKeys('week', february)).toEqual(['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']);
    expect(listBucketKeys('month', computePeriod('custom', new Date(), ['2025-12-15', '2026-02-01'])!)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('cuts a bucket to the period for its drill-down', () => {
    const hour = bucketPeriod('hour', '2026-03-04 09:00', day)!;
    expect(toQueryPeriod(hour)).toEqual({ from: '2026-03-04T01:00:00.000Z', to: '2026-03-04T02:00:00.000Z' });
    const march = computePeriod('custom', new Date(), ['2026-03-01', '2026-03-31'])!;
    // The week of Monday 23 February starts before March: only 1 March remains.
    expect(toQueryPeriod(bucketPeriod('week', '2026-02-23', march)!)).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-01T16:00:00.000Z' });
    expect(toQueryPeriod(bucketPeriod('month', '2026-03', march)!)).toEqual(toQueryPeriod(march));
    expect(bucketPeriod('day', 'not a key', march)).toBeNull();
    expect(bucketPeriod('day', '2026-05-01', march)).toBeNull();
  });

  it('builds drill-down targets from table cells', () => {
    expect(callDrillTarget('hotline', '12345', 'abandoned', day)).toEqual({ metric: 'calls.abandoned', period: day, hotline: '12345' });
    expect(callDrillTarget('hour', 'total', 'answeredWithin15s', day)).toEqual({ metric: 'calls.answered_within_15s', period: day });
    expect(callDrillTarget('hour', '2026-03-04 09:00', 'offered', day)?.period.from.toISOString()).toBe('2026-03-04T01:00:00.000Z');
    expect(defaultDrillPart('on_time_sign')).toBe('denominator');
    expect(defaultDrillPart('notice_count')).toBe('numerator');
  });

  it('shortens labels for the axis', () => {
    expect(formatBucketLabel('hour', '2026-03-04 09:00')).toBe('03-04 09:00');
    expect(formatBucketLabel('hour', '2026-03-04 09:00', true)).toBe('09:00');
    expect(formatBucketLabel('day', '2026-03-04')).toBe('03-04');
    expect(formatBucketLabel('month', '2026-03')).toBe('2026-03');
    expect(formatBucketLabel('hotline', '12345')).toBe('12345');
  });
});

describe('formatting', () => {
  it('shows rates as percentages and no data as a dash', () => {
    expect(formatRate(0.8534)).toBe('85.3%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('shows instants in Shanghai time and the last day of a period', () => {
    expect(formatShanghaiTime('2026-03-03T16:05:00Z')).toBe('2026-03-04 00:05');
    expect(formatShanghaiTime(null)).toBe('—');
    expect(formatShanghaiTime('garbage')).toBe('—');
    expect(lastDayOf(computePeriod('last_month', new Date('2026-03-03T16:30:00Z'))!)).toBe('2026-02-28');
  });

  it('shows durations as m:ss', () => {
    expect(formatDuration(7.4)).toBe('0:07');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('—');
  });

  it('shows counts as numbers and rates as percentages', () => {
    expect(formatIndicator('supervision_count', 3)).toBe('3');
    expect(formatIndicator('on_time_sign', 0.5)).toBe('50.0%');
    expect(formatIndicator('satisfaction', null)).toBe('—');
  });
});

describe('chart options', () => {
  const row = (key: string, offered: number, answered: number, abandoned: number, connectionRate: number | null) =>
    ({ ...emptyCallRow(key), offered, answered, abandoned, connectionRate });

  it('fills quiet buckets with zeros', () => {
    const filled = fillCallRows([row('2026-03-02', 5, 4, 1, 0.8)], ['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(filled.map((r) => r.offered)).toEqual([0, 5, 0]);
    expect(filled[0]?.connectionRate).toBeNull();
  });

  it('stacks answered, abandoned and the rest to the offered count, rate in percent', () => {
    const option = buildVolumeOption([row('2026-03-01', 10, 7, 2, 0.7), row('2026-03-02', 0, 0, 0, null)],
      { answered: 'A', abandoned: 'B', other: 'C', connectionRate: 'R' }, (key) => key.slice(5));
    expect(option.xAxis.data).toEqual(['03-01', '03-02']);
    expect(option.series.map((s) => s.name)).toEqual(['A', 'B', 'C', 'R']);
    expect(option.series[0]?.data).toEqual([7, 0]);
    expect(option.series[1]?.data).toEqual([2, 0]);
    expect(option.series[2]?.data).toEqual([1, 0]);
    expect(option.series[3]?.data).toEqual([70, null]);
  });

  it('puts the busiest hotline at the top', () => {
    const option = buildHotlineOption([row('110', 3, 3, 0, 1), row('12345', 9, 8, 1, 0.9)], { offered: 'O', answered: 'A' });
    expect(option.yAxis.data).toEqual(['110', '12345']); // category axes draw bottom-up
    expect(option.series[0]?.data).toEqual([3, 9]);
    const many = Array.from({ length: 25 }, (_, i) => row(String(12300 + i), i, 0, 0, null));
    expect(buildHotlineOption(many, { offered: 'O', answered: 'A' }, 3).yAxis.data).toEqual(['12322', '12323', '12324']);
  });

  it('charts the largest ticket groups only', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, label: `L${i}`, labelEn: `E${i}`, created: i, closed: 1 }) as unknown as TicketCountRow);
    const option = buildTicketOption(rows, { created: 'C', closed: 'D' }, (r) => r.labelEn, 5);
    expect(option.xAxis.data).toEqual(['E19', 'E18', 'E17', 'E16', 'E15']);
    expect(option.series[0]?.data).toEqual([19, 18, 17, 16, 15]);
  });
});
