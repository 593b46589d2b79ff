/**
 * Shared arithmetic for the figures: every rate is a fraction in [0, 1] (the
 * console formats percentages), and an empty period gives `null`, never NaN,
 * so "no calls" is not shown as 0% and does not poison an average.
 */

function assertCount(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${field} must be a non-negative number`);
  }
}

/** part / whole with both checked; a part larger than its whole means the counts are wrong. */
export function computeRate(part: number, whole: number, partName: string, wholeName: string): number | null {
  assertCount(part, partName);
  assertCount(whole, wholeName);
  if (part > whole) throw new RangeError(`${partName} (${part}) cannot exceed ${wholeName} (${whole})`);
  return whole === 0 ? null : part / whole;
}

/** total / count for means such as ASA and AHT. */
export function computeMean(total: number, count: number, totalName: string, countName: string): number | null {
  assertCount(total, totalName);
  assertCount(count, countName);
  return count === 0 ? null : total / count;
}
