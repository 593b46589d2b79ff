import { requestClient } from './client';

/** One audit row as `GET /api/audit` answers it (the auditor's only read). */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  /** The account's name today; `actorName` is the username it acted under. */
  actorDisplayName: string | null;
  action: string;
  outcome: 'allowed' | 'denied' | 'failed' | string;
  resource: string | null;
  resourceId: string | null;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  from?: string;
  to?: string;
  action?: string;
  /** Part of the actor's name or username. */
  actor?: string;
  actorId?: string;
  resource?: string;
  resourceId?: string;
  outcome?: 'allowed' | 'denied' | 'failed';
}

export function listAudit(query: AuditQuery): Promise<{ total: number; items: AuditEntry[] }> {
  return requestClient.get('/audit', { query: { ...query } });
}
