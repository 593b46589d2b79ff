import { describe, expect, it } from 'vitest';
import { formatRate, previousMonth } from './data';

describe('report page helpers', () => {
  it('picks the previous Shanghai month, across a year', () => {
    expect(previousMonth(new Date('2026-04-05T02:00:00Z'))).toBe('2026-03');
    expect(previousMonth(new Date('2026-01-10T02:00:00Z'))).toBe('2025-12');
    // 2026-03-31T17:00Z is already April 1st in Shanghai.
    expect(previousMonth(new Date('2026-03-31T17:00:00Z'))).toBe('2026-03');
  });

  it('formats rates and empty figures', () => {
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(null)).toBe('—');
  });
});
