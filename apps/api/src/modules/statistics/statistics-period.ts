/** Parses the period of every statistics request: ISO times, `to` after `from`, at most 3 years. */
import { AppError } from '../../lib/app-error.js';

const MAX_SPAN_MS = 3 * 366 * 24 * 3600_000;

function parseTime(value: string, field: string): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) {
    throw new AppError('validation_failed', `${field} must be an ISO date or date-time`, { field });
  }
  return at;
}

export function parsePeriod(query: { from: string; to: string }): { from: Date; to: Date } {
  const from = parseTime(query.from, 'from');
  const to = parseTime(query.to, 'to');
  if (to <= from) throw new AppError('validation_failed', 'to must be after from', { field: 'to' });
  if (to.getTime() - from.getTime() > MAX_SPAN_MS) throw new AppError('validation_failed', 'A period is at most 3 years', { field: 'to' });
  return { from, to };
}
