/**
 * Optimistic concurrency for administrative edits. Every editable record carries `version`; an
 * edit sends the version it started from and updates `WHERE id = … AND version = …`, adding one.
 * When no row matched, someone else saved first: the answer is 409 with the current record, its
 * version, and what changed since the editor's version — read from the audit rows of the
 * changes in between (record-change.ts), so the console can show "王芳 changed 电话, 上级单位 at
 * 10:02" instead of silently overwriting.
 *
 *   const { count } = await tx.unit.updateMany({ where: { id, version: body.version }, data: { ...patch, version: { increment: 1 } } });
 *   if (count === 0) throw await staleEdit(tx, { resource: 'unit', resourceId: id, sentVersion: body.version, current: await view(id) });
 */
import type { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { toAuditJson, type ConfigResource, type JsonRecord } from './record-change.js';

const CHANGE_ACTIONS = [
  AUDIT_ACTIONS.configCreate, AUDIT_ACTIONS.configUpdate, AUDIT_ACTIONS.configDisable,
  AUDIT_ACTIONS.configEnable, AUDIT_ACTIONS.configDelete, AUDIT_ACTIONS.configImport,
];

export interface StaleEditInput {
  resource: ConfigResource;
  resourceId: string;
  /** The version the editor started from. */
  sentVersion: number;
  /** The record as it is now (null: it no longer exists → 404). */
  current: (JsonRecord & { version: number }) | null;
}

export interface ChangeSince {
  by: string | null;
  at: string;
  version: number;
  fields: string[];
}

/** The 409 (or 404) to throw when a versioned update matched no row. */
export async function staleEdit(db: Pick<Prisma.TransactionClient, 'auditLog'>, input: StaleEditInput): Promise<AppError> {
  if (!input.current) return new AppError('not_found', `No such ${input.resource}`, { field: 'id' });
  const rows = await db.auditLog.findMany({
    where: { resource: input.resource, resourceId: input.resourceId, action: { in: CHANGE_ACTIONS }, details: { path: ['version'], gt: input.sentVersion } },
    orderBy: { id: 'asc' },
    select: { actorName: true, at: true, details: true },
  });
  const changes: ChangeSince[] = rows.map((row) => {
    const details = (row.details ?? {}) as { version?: number; changed?: string[] };
    return { by: row.actorName, at: row.at.toISOString(), version: details.version ?? 0, fields: details.changed ?? [] };
  });
  const changedFields = [...new Set(changes.flatMap((change) => change.fields))].sort();
  return new AppError(
    'conflict',
    `This ${input.resource} was changed by someone else since version ${input.sentVersion} (now version ${input.current.version}); reload it and edit again`,
    { details: { reason: 'stale_version', sentVersion: input.sentVersion, currentVersion: input.current.version, changedFields, changes, current: toAuditJson(input.current) } },
  );
}
