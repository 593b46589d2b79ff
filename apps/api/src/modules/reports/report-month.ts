/** A calendar month in Asia/Shanghai (UTC+8, no DST) as the UTC instants [from, to). */
import { AppError } from '../../lib/app-error.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export interface ReportMonth {
  month: string;
  from: Date;
  to: Date;
}

/** Reads `YYYY-MM` (400 naming `month` otherwise). */
export function parseReportMonth(month: string): ReportMonth {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const index = Number(match?.[2]) - 1;
  if (!match || index < 0 || index > 11 || year < 2000 || year > 2100) {
    throw new AppError('validation_failed', `month must look like 2026-03, got "${month}"`, { field: 'month' });
  }
  return {
    month,
    from: new Date(Date.UTC(year, index, 1) - SHANGHAI_OFFSET_MS),
    to: new Date(Date.UTC(year, index + 1, 1) - SHANGHAI_OFFSET_MS),
  };
}
