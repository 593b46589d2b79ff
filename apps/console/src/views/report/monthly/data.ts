/** Pure helpers of the monthly report page. */

/** The previous month of `now` as `YYYY-MM` (the report people usually want), in Asia/Shanghai. */
export function previousMonth(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, '0')}`;
}

/** A rate as a percentage with one decimal, or a dash when there was nothing to count. */
export function formatRate(rate: number | null, none = '—'): string {
  return rate === null ? none : `${(rate * 100).toFixed(1)}%`;
}
