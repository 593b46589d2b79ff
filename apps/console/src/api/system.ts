import { requestClient } from './client';

export const HEALTH_STATUSES = { ok: 'ok', degraded: 'degraded', down: 'down' } as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[keyof typeof HEALTH_STATUSES];

/** One dependency's check: a bare status, or an object with a status and details. */
export type HealthCheck = HealthStatus | string | ({ status?: string } & Record<string, unknown>);

export interface HealthReport {
  status: HealthStatus;
  checks: Record<string, HealthCheck>;
}

/**
 * Reads the system health. A `down` system answers 503 with the same body, which is still
 * a report to show, not an error to toast.
 */
export function getHealth(): Promise<HealthReport> {
  return requestClient.get<HealthReport>('/health', { okStatuses: [503] });
}
