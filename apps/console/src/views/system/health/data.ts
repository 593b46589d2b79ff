import type { HealthCheck, HealthReport } from '#/api/system';

/** How often the page re-reads /api/health. */
export const HEALTH_REFRESH_MS = 10_000;

/** Checks with a translated label, in display order; unknown checks follow, by name. */
export const KNOWN_CHECKS = ['database', 'redis', 'workers', 'bridges'] as const;

export const ROW_STATUSES = { ok: 'ok', degraded: 'degraded', down: 'down', unknown: 'unknown' } as const;
export type RowStatus = (typeof ROW_STATUSES)[keyof typeof ROW_STATUSES];

export interface HealthRow {
  name: string;
  /** i18n key of the label, or null to show `name` as is. */
  labelKey: string | null;
  status: RowStatus;
  detail: string;
}

/** Maps any status word to the four the page knows; anything else is `unknown`. */
export function normaliseStatus(value: unknown): RowStatus {
  if (value === true || value === 'up' || value === 'healthy') return ROW_STATUSES.ok;
  if (value === false) return ROW_STATUSES.down;
  return typeof value === 'string' && value in ROW_STATUSES ? (value as RowStatus) : ROW_STATUSES.unknown;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function describeCheck(check: HealthCheck | undefined): { status: RowStatus; detail: string } {
  if (check === null || typeof check !== 'object') return { status: normaliseStatus(check), detail: '' };
  const { status, ...rest } = check;
  const detail = Object.entries(rest)
    .map(([key, value]) => `${key}: ${describeValue(value)}`)
    .join(' · ');
  return { status: normaliseStatus(status), detail };
}

/**
 * Turns the health report into table rows: known checks first with their labels, then any
 * check the server added later, so a new dependency shows up without a console release.
 */
export function toHealthRows(report: HealthReport | null | undefined): HealthRow[] {
  const checks: Record<string, HealthCheck> = report?.checks && typeof report.checks === 'object' ? report.checks : {};
  const isKnown = (name: string): boolean => (KNOWN_CHECKS as readonly string[]).includes(name);
  const known = KNOWN_CHECKS.filter((name) => name in checks);
  const extra = Object.keys(checks)
    .filter((name) => !isKnown(name))
    .sort();
  return [...known, ...extra].map((name) => ({
    name,
    labelKey: isKnown(name) ? `health.checks.${name}` : null,
    ...describeCheck(checks[name]),
  }));
}

/** Element Plus tag colour for a status. */
export function toStatusTagType(status: RowStatus): 'success' | 'warning' | 'danger' | 'info' {
  return ({ ok: 'success', degraded: 'warning', down: 'danger', unknown: 'info' } as const)[status];
}
