/**
 * An assessment period (a month, a half-year or a year) as the instant range [from, to) in
 * Asia/Shanghai (UTC+8 all year, no DST, so a fixed offset is exact).
 */
import { AppError } from '../../lib/app-error.js';

export const PERIOD_KINDS = { month: 'month', half_year: 'half_year', year: 'year' } as const;
export type PeriodKind = (typeof PERIOD_KINDS)[keyof typeof PERIOD_KINDS];

export interface PeriodInput { kind: PeriodKind; year: number; month?: number; half?: number }
export interface ResolvedPeriod { kind: PeriodKind; year: number; number: number | null; from: Date; to: Date; label: string }

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const localStart = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1) - SHANGHAI_OFFSET_MS);

function refuse(field: string, message: string): never {
  throw new AppError('validation_failed', `period.${field} ${message}`, { field: `period.${field}` });
}

/** Checks the combination (a month needs `month`, a half-year `half`, a year neither) and resolves it. */
export function resolvePeriod(input: PeriodInput): ResolvedPeriod {
  const { kind, year } = input;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) refuse('year', 'must be a year between 2000 and 2100');
  if (kind === 'month') {
    if (input.half !== undefined) refuse('half', 'is not allowed for a month');
    const month = input.month;
    if (month === undefined) refuse('month', 'is required for a month');
    if (!Number.isInteger(month) || month < 1 || month > 12) refuse('month', 'must be 1-12');
    return { kind, year, number: month, from: localStart(year, month - 1), to: localStart(year, month), label: `${year}-${String(month).padStart(2, '0')}` };
  }
  if (kind === 'half_year') {
    if (input.month !== undefined) refuse('month', 'is not allowed for a half-year');
    const half = input.half;
    if (half === undefined) refuse('half', 'is required for a half-year');
    if (half !== 1 && half !== 2) refuse('half', 'must be 1 or 2');
    return { kind, year, number: half, from: localStart(year, (half - 1) * 6), to: localStart(year, half * 6), label: `${year}-H${half}` };
  }
  if (kind === 'year') {
    if (input.month !== undefined) refuse('month', 'is not allowed for a year');
    if (input.half !== undefined) refuse('half', 'is not allowed for a year');
    return { kind, year, number: null, from: localStart(year, 0), to: localStart(year + 1, 0), label: String(year) };
  }
  return refuse('kind', "must be 'month', 'half_year' or 'year'");
}
