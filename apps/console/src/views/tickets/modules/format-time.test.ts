import { describe, expect, it } from 'vitest';
import { formatTime } from './format-time';

describe('formatTime', () => {
  it('matches toLocaleString for the same locale and options', () => {
    const iso = '2024-03-05T08:07:00.000Z';
    const date = new Date(iso);
    expect(formatTime(iso, 'zh-CN', 'short')).toBe(date.toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }));
    expect(formatTime(iso, 'en', 'full')).toBe(date.toLocaleString('en'));
  });

  it('gives an empty string for a missing or unparseable date', () => {
    expect(formatTime(null, 'zh-CN', 'short')).toBe('');
    expect(formatTime('not a date', 'en', 'full')).toBe('');
  });
});
