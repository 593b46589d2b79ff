import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildHotlineChartOption, countAgentsByState, createThrottle, formatRate, formatSeconds, lastDaysRange, rankHotlines,
} from './data';

describe('wallboard figures', () => {
  it('formats rates and durations, keeping "nothing to divide" visible as null', () => {
    expect(formatRate(0.9567)).toBe('95.7%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBeNull();
    expect(formatRate(Number.NaN)).toBeNull();
    expect(formatSeconds(12.4)).toBe('12 s');
    expect(formatSeconds(185, { s: '秒', min: '分' })).toBe('3 分 05 秒');
    expect(formatSeconds(null)).toBeNull();
  });

  it('counts agents by state in floor order and ranks hotlines by volume', () => {
    const agents = [{ state: 'paused' }, { state: 'ready' }, { state: 'busy' }, { state: 'ready' }, { state: 'odd' }];
    expect(countAgentsByState(agents)).toEqual([
      { state: 'ready', count: 2 }, { state: 'busy', count: 1 }, { state: 'paused', count: 1 }, { state: 'odd', count: 1 },
    ]);
    expect(rankHotlines({ 110: 3, 12345: 9, 12315: 3 })).toEqual([
      { hotline: '12345', count: 9 }, { hotline: '110', count: 3 }, { hotline: '12315', count: 3 },
    ]);
    const option = buildHotlineChartOption(rankHotlines({ 110: 3, 12345: 9 }), (h) => `#${h}`);
    expect(option.yAxis.data).toEqual(['#110', '#12345']);
    expect(option.series[0]?.data).toEqual([3, 9]);
  });

  it('gives a 30-day range ending now', () => {
    expect(lastDaysRange(30, new Date('2026-03-31T00:00:00Z'))).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' });
  });
});

describe('throttle', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at once, then collapses a burst into one trailing run', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    const throttle = createThrottle(task, 1000);
    throttle.trigger();
    expect(task).toHaveBeenCalledTimes(1);
    throttle.trigger();
    throttle.trigger();
    throttle.trigger();
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    throttle.trigger();
    expect(task).toHaveBeenCalledTimes(3);
    throttle.trigger();
    throttle.cancel();
    vi.advanceTimersByTime(5000);
    expect(task).toHaveBeenCalledTimes(3);
  });
});
