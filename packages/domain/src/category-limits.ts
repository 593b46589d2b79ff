import { resolveTimeLimits, type TimeLimits } from './time-limits';

/**
 * A category's own time limits, as an administrator sets them: the sign-for and reply (handle)
 * limits in working days or working hours, and the longest extension in working days. The one
 * place that turns a category's columns into the limits the deadline planner, the statistics and
 * the extension check use, so all three always count the same way.
 */
export const LIMIT_UNITS = { working_days: 'working_days', working_hours: 'working_hours' } as const;
export type LimitUnit = (typeof LIMIT_UNITS)[keyof typeof LIMIT_UNITS];

export interface WorkingTimeLimit {
  readonly amount: number;
  readonly unit: LimitUnit;
}

/** The category columns that hold its limits (at most one unit per limit is set). */
export interface CategoryLimitColumns {
  readonly signLimitHours: number | null;
  readonly signLimitDays: number | null;
  readonly handleLimitDays: number | null;
  readonly handleLimitHours: number | null;
  readonly extensionLimitDays: number | null;
}

export interface CategoryLimits {
  /** null: the district default (1 working hour). */
  readonly sign: WorkingTimeLimit | null;
  /** null: the kind's default (DOMAIN.md's table). */
  readonly handle: WorkingTimeLimit | null;
  /** null: the default (5 working days); always in working days, as an extension is asked in days. */
  readonly extensionDays: number | null;
}

/** Upper bounds an administrator may set: a year of working days, a month of working hours. */
export const CATEGORY_LIMIT_BOUNDS = { days: 250, hours: 240, extensionDays: 30 } as const;

function limitOf(days: number | null, hours: number | null): WorkingTimeLimit | null {
  if (days != null) return { amount: days, unit: LIMIT_UNITS.working_days };
  if (hours != null) return { amount: hours, unit: LIMIT_UNITS.working_hours };
  return null;
}

export function readCategoryLimits(row: CategoryLimitColumns): CategoryLimits {
  return {
    sign: limitOf(row.signLimitDays, row.signLimitHours),
    handle: limitOf(row.handleLimitDays, row.handleLimitHours),
    extensionDays: row.extensionLimitDays,
  };
}

/** The columns to write for a category's limits. */
export function toCategoryLimitColumns(limits: CategoryLimits): CategoryLimitColumns {
  const days = (limit: WorkingTimeLimit | null) => (limit?.unit === LIMIT_UNITS.working_days ? limit.amount : null);
  const hours = (limit: WorkingTimeLimit | null) => (limit?.unit === LIMIT_UNITS.working_hours ? limit.amount : null);
  return {
    signLimitDays: days(limits.sign), signLimitHours: hours(limits.sign),
    handleLimitDays: days(limits.handle), handleLimitHours: hours(limits.handle),
    extensionLimitDays: limits.extensionDays,
  };
}

/**
 * Why a limit is refused (null: it is fine): days are whole and 1..250, hours are whole or half
 * hours in 0.5..240, an extension is 1..30 whole working days.
 */
export function checkWorkingTimeLimit(limit: WorkingTimeLimit): string | null {
  if (limit.unit === LIMIT_UNITS.working_days) {
    if (!Number.isInteger(limit.amount) || limit.amount < 1 || limit.amount > CATEGORY_LIMIT_BOUNDS.days) {
      return `must be a whole number of working days from 1 to ${CATEGORY_LIMIT_BOUNDS.days}`;
    }
    return null;
  }
  if (limit.unit === LIMIT_UNITS.working_hours) {
    if (!Number.isInteger(limit.amount * 2) || limit.amount < 0.5 || limit.amount > CATEGORY_LIMIT_BOUNDS.hours) {
      return `must be working hours in half-hour steps from 0.5 to ${CATEGORY_LIMIT_BOUNDS.hours}`;
    }
    return null;
  }
  return `unit must be ${LIMIT_UNITS.working_days} or ${LIMIT_UNITS.working_hours}`;
}

/** What `computeDeadlines` takes from a category: the merged limits and its own reply limit. */
export interface ResolvedCategoryLimits {
  readonly limits: TimeLimits;
  readonly handleLimit?: WorkingTimeLimit;
  readonly signLimit?: WorkingTimeLimit;
}

/** The category's limits over the district defaults (extension limit into `maxExtensionDays`). */
export function resolveCategoryLimits(row: CategoryLimitColumns): ResolvedCategoryLimits {
  const own = readCategoryLimits(row);
  const limits = resolveTimeLimits(own.extensionDays != null ? { maxExtensionDays: own.extensionDays } : {});
  return { limits, ...(own.handle ? { handleLimit: own.handle } : {}), ...(own.sign ? { signLimit: own.sign } : {}) };
}

/** The select that loads exactly the columns `resolveCategoryLimits` reads. */
export const CATEGORY_LIMIT_SELECT = {
  signLimitHours: true, signLimitDays: true, handleLimitDays: true, handleLimitHours: true, extensionLimitDays: true,
} as const;
