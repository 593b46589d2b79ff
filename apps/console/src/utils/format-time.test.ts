import { describe, expect, it } from 'vitest';
import { formatTime } from './format-time';

describe('formatTime', () => {
  it("writes the centre's time (Asia/Shanghai), 24-hour, the same in both languages", () => {
    // 08:07 UTC is 16:07 in Shanghai; 20:00 UTC is already the next day there.
    const iso = '2024-03-05T08:07:09.000Z';
    expect(formatTime(iso, 'zh-CN')).toBe('2024-03-05 16:07:09');
    expect(formatTime(iso, 'en', 'full')).toBe('2024-03-05 16:07:09');
    expect(formatTime(iso, 'zh-CN', 'minutes')).toBe('2024-03-05 16:07');
    expect(formatTime(iso, 'zh-CN', 'short')).toBe('03-05 16:07');
    expect(formatTime(iso, 'en', 'time')).toBe('16:07:09');
    expect(formatTime(new Date('2024-12-31T20:00:00Z'), 'zh-CN')).toBe('2025-01-01 04:00:00');
  });

  it('gives an empty string for a missing or unparseable date', () => {
    expect(formatTime(null, 'zh-CN', 'short')).toBe('');
    expect(formatTime('not a date', 'en', 'full')).toBe('');
  });
});
