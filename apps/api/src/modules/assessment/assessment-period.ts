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

/** `2026-02`, `2026-H1` or `2026`: a period's label in file names, audit rows and the console. */
export function formatPeriodLabel(kind: string, year: number, number: number | null): string {
  if (kind === PERIOD_KINDS.month) return `${year}-${String(number).padStart(2, '0')}`;
  if (kind === PERIOD_KINDS.half_year) return `${year}-H${number}`;
  return String(year);
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
    return { kind, year, number: month, from: localStart(year, month - 1), to: localStart(year, month), label: formatPeriodLabel(kind, year, month) };
  }
  if (kind === 'half_year') {
    if (input.month !== undefined) refuse('month', 'is not allowed for a half-year');
    const half = input.half;
    if (half === undefined) refuse('half', 'is required for a half-year');
    if (half !== 1 && half !== 2) refuse('half', 'must be 1 or 2');
    return { kind, year, number: half, from: localStart(year, (half - 1) * 6), to: localStart(year, half * 6), label: formatPeriodLabel(kind, year, half) };
  }
  if (kind === 'year') {
    if (input.month !== undefined) refuse('month', 'is not allowed for a year');
    if (input.half !== undefined) refuse('half', 'is not allowed for a year');
    return { kind, year, number: null, from: localStart(year, 0), to: localStart(year + 1, 0), label: formatPeriodLabel(kind, year, null) };
  }
  return refuse('kind', "must be 'month', 'half_year' or 'year'");
}
